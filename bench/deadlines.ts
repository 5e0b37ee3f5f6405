/**
 * Deadline benchmark: Mesa's business calendar against moment-business-time.
 *
 *   npx tsx bench/deadlines.ts
 *
 * Mesa is measured on the production calendar (America/Mexico_City, Mon–Fri 09:00–17:00,
 * LFT holidays). moment-business-time only knows the process's zone, so the head-to-head
 * comparison runs both libraries on UTC with the same hours and holiday list, where the two
 * calendars are identical and their results must agree.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import {
  addBusinessMinutes,
  type BusinessCalendar,
  compileCalendar,
  DEFAULT_CALENDAR_CONFIG,
  mexicanStatutoryHolidays,
} from "../src/domain/calendar/index.js";
import { rng } from "./seed-rows.js";

interface BusinessMoment {
  addWorkingTime(amount: number, unit: "minutes"): BusinessMoment;
  valueOf(): number;
}
interface MomentBusinessTime {
  utc(ms: number): BusinessMoment;
  locale(): string;
  updateLocale(name: string, config: Record<string, unknown>): unknown;
}

// The package ships no type declarations; require keeps the typing local to this file.
const moment = createRequire(import.meta.url)("moment-business-time") as MomentBusinessTime;

const FROM_START = Date.UTC(2015, 0, 1);
const FROM_END = Date.UTC(2036, 0, 1);
const SPANS_H = [1, 20, 200, 2000] as const;

interface Sample {
  from: Float64Array;
  minutes: Float64Array;
}

/** Random instants 2015–2035 (whole seconds) and spans; a fixed span when `fixedMinutes` is set. */
function samples(n: number, seed: number, fixedMinutes?: number): Sample {
  const rand = rng(seed);
  const from = new Float64Array(n);
  const minutes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    from[i] = FROM_START + Math.floor((rand() * (FROM_END - FROM_START)) / 1000) * 1000;
    minutes[i] = fixedMinutes ?? 60 + Math.floor(rand() * (200 * 60 - 60 + 1));
  }
  return { from, minutes };
}

/**
 * Both libraries get the same treatment: one unmeasured warm-up round over the sample, then
 * ROUNDS measured rounds, best of them kept (the JIT and caches are warm for both alike).
 */
const ROUNDS = 3;

/**
 * Best-of-rounds ns per deadline for Mesa over the first `n` inputs of a sample, each round passing
 * over them `passes` times (a prefix short enough for moment takes Mesa well under a millisecond, too
 * short to time alone). The checksum defeats dead-code elimination.
 */
function timeMesa(cal: BusinessCalendar, s: Sample, n = s.from.length, passes = 1): number {
  let best = Number.POSITIVE_INFINITY;
  let checksum = 0;
  for (let r = 0; r <= ROUNDS; r++) {
    const t0 = performance.now();
    for (let p = 0; p < passes; p++)
      for (let i = 0; i < n; i++) checksum += addBusinessMinutes(cal, s.from[i]!, s.minutes[i]!);
    if (r > 0) best = Math.min(best, performance.now() - t0);
  }
  if (checksum === 0) throw new Error("unexpected checksum");
  return (best * 1e6) / (n * passes);
}

const momentDeadline = (from: number, minutes: number): number =>
  moment.utc(from).addWorkingTime(minutes, "minutes").valueOf();

/**
 * ns per moment-business-time deadline. It is orders of magnitude slower, so the warm-up round takes
 * the prefix of the sample that fits in `budgetMs`; the ROUNDS measured rounds repeat that prefix.
 */
function timeMoment(s: Sample, budgetMs: number): { ns: number; count: number; results: number[] } {
  const results: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < s.from.length && performance.now() - t0 < budgetMs; i++)
    results.push(momentDeadline(s.from[i]!, s.minutes[i]!));
  const count = results.length;
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < ROUNDS; r++) {
    const t1 = performance.now();
    for (let i = 0; i < count; i++) momentDeadline(s.from[i]!, s.minutes[i]!);
    best = Math.min(best, performance.now() - t1);
  }
  return { ns: (best * 1e6) / count, count, results };
}

function configureMoment(holidays: string[]): void {
  const day = ["09:00:00", "17:00:00"];
  moment.updateLocale(moment.locale(), {
    workinghours: { 0: null, 1: day, 2: day, 3: day, 4: day, 5: day, 6: null },
    holidays,
  });
}

function holidayList(): string[] {
  const dates: string[] = [];
  for (let y = 2014; y <= 2037; y++) dates.push(...mexicanStatutoryHolidays(y).map((h) => h.date));
  return dates;
}

const perSec = (ns: number): number => Math.round(1e9 / ns);
const round1 = (x: number): number => Math.round(x * 10) / 10;

export async function runDeadlineBench(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const mx = compileCalendar(DEFAULT_CALENDAR_CONFIG);
  const utc = compileCalendar({ ...structuredClone(DEFAULT_CALENDAR_CONFIG), timeZone: "UTC" });

  // First use builds the per-year tables (the only part that calls Luxon).
  const t0 = performance.now();
  for (let y = 2015; y <= 2036; y++) addBusinessMinutes(mx, Date.UTC(y, 5, 1), 0);
  out.compileYearsMs = round1(performance.now() - t0);
  out.rounds = `1 warm-up + ${ROUNDS} measured, best kept; head to head on the same inputs`;

  const mixed = samples(2_000_000, 1);
  const mixedNs = timeMesa(mx, mixed);
  out.mesaDeadlinesPerSec = perSec(mixedNs);
  out.mesaNsPerDeadline = round1(mixedNs);
  for (const h of SPANS_H) out[`mesaNs_${h}h`] = round1(timeMesa(mx, samples(500_000, 10 + h, h * 60)));

  configureMoment(holidayList());
  const head = samples(1_000_000, 2);
  // Head to head over the same inputs: the prefix of the sample moment gets through in its budget,
  // the same warm-up and measured rounds for both (Mesa passes over the prefix enough times to time).
  const m = timeMoment(head, 3_000);
  const utcNs = timeMesa(utc, head, m.count, Math.ceil(1_000_000 / m.count));
  let agree = 0;
  for (let i = 0; i < m.count; i++)
    if (addBusinessMinutes(utc, head.from[i]!, head.minutes[i]!) === m.results[i]) agree++;
  out.utcMesaDeadlinesPerSec = perSec(utcNs);
  out.momentDeadlinesPerSec = round1(1e9 / m.ns);
  out.speedupVsMoment = Math.round(m.ns / utcNs);
  out.agreement = `${agree}/${m.count}`;
  for (const h of SPANS_H) {
    const r = timeMoment(samples(10_000, 20 + h, h * 60), 1_000);
    out[`momentNs_${h}h`] = Math.round(r.ns);
    out[`momentCount_${h}h`] = r.count;
  }
  return out;
}

export function formatDeadlineBench(r: Record<string, number | string>): string {
  const n = (k: string): string =>
    typeof r[k] === "number" ? (r[k] as number).toLocaleString("en-US") : String(r[k]);
  const rows = [
    "| Measure | Mesa | moment-business-time |",
    "|---|---:|---:|",
    `| deadlines/s, random 2015–2035, 1–200 h (America/Mexico_City) | ${n("mesaDeadlinesPerSec")} | – |`,
    `| deadlines/s, same inputs on UTC (head-to-head) | ${n("utcMesaDeadlinesPerSec")} | ${n("momentDeadlinesPerSec")} |`,
    ...SPANS_H.map((h) => `| ns per deadline, ${h} h span | ${n(`mesaNs_${h}h`)} | ${n(`momentNs_${h}h`)} |`),
    `| speed-up (UTC head-to-head) | ${n("speedupVsMoment")}× | |`,
    `| results agreeing (UTC, same holidays) | ${n("agreement")} | |`,
    `| first-use table build, 22 years | ${n("compileYearsMs")} ms | |`,
    // Figures saved before both libraries got equal rounds say so.
    `| rounds per figure | ${r.rounds ?? "Mesa best of 5, moment one cold pass (unequal)"} | ${r.rounds ? "same" : ""} |`,
  ];
  return rows.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const started = performance.now();
  const results = await runDeadlineBench();
  console.log(formatDeadlineBench(results));
  console.log(`\n(total ${(performance.now() - started) / 1000}s, node ${process.version})`);
}
