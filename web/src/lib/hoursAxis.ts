import { formatMinutes } from "./format";

/** A chart's value axis in hours: where its ticks go, how they read, and how a point reads. */
export interface HoursAxis {
  label: string;
  ticks: number[];
  domain: [number, number];
  /** A tick: whole hours in the user's language, `10 h`, `1,200 h`. */
  tick: (hours: number) => string;
  /** A point (the tooltip), as durations read everywhere else: `7 h 45 min`. */
  value: (hours: number) => string;
}

/** Steps between ticks, whole hours only: a tick at 2.5 h, or at 150 (minutes), reads as nothing. */
const STEPS = [1, 2, 5, 10, 20, 25, 50];
const MAX_INTERVALS = 5;

function stepFor(low: number, high: number): number {
  for (let scale = 1; ; scale *= 100) {
    const step = STEPS.map((s) => s * scale).find(
      (s) => Math.ceil(high / s) - Math.floor(low / s) <= MAX_INTERVALS,
    );
    if (step) return step;
  }
}

/**
 * The axis for these values (hours; null for days without one): from zero (or the lowest overage)
 * to the highest, at most five steps of whole hours, so a bank of 10 h has its own tick.
 */
export function hoursAxis(values: readonly (number | null)[], locale: string, label: string): HoursAxis {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const low = Math.min(0, ...known);
  const high = Math.max(low + 1, ...known);
  const step = stepFor(low, high);
  const first = Math.floor(low / step) * step;
  const last = Math.ceil(high / step) * step;
  const ticks = Array.from({ length: Math.round((last - first) / step) + 1 }, (_, i) => first + i * step);
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return {
    label,
    ticks,
    domain: [first, last],
    tick: (hours) => `${number.format(hours)} h`,
    value: (hours) => formatMinutes(Math.round(hours * 60)),
  };
}
