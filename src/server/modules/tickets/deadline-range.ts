import { END_INSTANT_MS, MAX_INPUT_YEAR } from "../../../contract/common.js";
import { invalid } from "../../platform/errors.js";

/**
 * A computed deadline past 2100 is refused (400 naming the input that pushed it there) rather than
 * clamped: a clamped date would be a promise the calendar never made.
 */
export function assertDeadlineInRange(ms: number, field: string): number {
  if (ms >= END_INSTANT_MS) {
    throw invalid("ticket.deadline_past_max", { year: String(MAX_INPUT_YEAR) }, { field });
  }
  return ms;
}
