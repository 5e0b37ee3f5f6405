/** Luxon answers null for an invalid DateTime; these give text or fail, so no null travels on as a date. */
import type { DateTime } from "luxon";

/**
 * `YYYY-MM-DD` of a DateTime the caller built from validated text. An invalid one is a bug upstream:
 * it throws (naming Luxon's reason) rather than returning null typed as a string.
 */
export function isoDay(d: DateTime): string {
  const day = d.toISODate();
  if (day === null) throw new RangeError(`Invalid date: ${d.invalidExplanation ?? d.invalidReason}`);
  return day;
}
