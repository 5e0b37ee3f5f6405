/**
 * Wall-clock → instant conversion on top of Luxon's IANA zone data. Only called while a year
 * is compiled, never on the per-deadline hot path.
 *
 * Rule for wall times that do not map to exactly one instant:
 * - repeated (fall back): the first occurrence, so adjacent ranges stay contiguous;
 * - skipped (spring forward): the instant of the transition, i.e. the first moment the
 *   wall clock reads at least that time.
 * Both keep the wall → instant mapping monotone, which the interval tables rely on.
 */
import { IANAZone } from "luxon";
import { DAY_MS, MINUTE_MS } from "./time.js";

export class ZoneConverter {
  private readonly zone: IANAZone;

  constructor(timeZone: string) {
    this.zone = IANAZone.create(timeZone);
  }

  /** Offset in minutes at an instant. */
  offset(ms: number): number {
    return this.zone.offset(ms);
  }

  /** Instant for a "local epoch" value: local wall time expressed as if it were UTC ms. */
  toUtc(localMs: number): number {
    const before = this.offset(localMs - DAY_MS);
    const after = this.offset(localMs + DAY_MS);
    const viaBefore = localMs - before * MINUTE_MS;
    const viaAfter = localMs - after * MINUTE_MS;
    const okBefore = this.offset(viaBefore) === before;
    const okAfter = before === after ? okBefore : this.offset(viaAfter) === after;
    if (okBefore && okAfter) return Math.min(viaBefore, viaAfter);
    if (okBefore) return viaBefore;
    if (okAfter) return viaAfter;
    return this.transitionBetween(Math.min(viaBefore, viaAfter), Math.max(viaBefore, viaAfter), after);
  }

  /** First instant in (lo, hi] whose offset equals `target`, by bisection to the millisecond. */
  private transitionBetween(lo: number, hi: number, target: number): number {
    let a = lo;
    let b = hi;
    while (b - a > 1) {
      const mid = Math.floor((a + b) / 2);
      if (this.offset(mid) === target) b = mid;
      else a = mid;
    }
    return b;
  }
}
