import type { ConfigIssue } from "../../../../src/domain/calendar/types";
import { validateCalendarConfig } from "../../../../src/domain/calendar/validate";
import type { CalendarSettings } from "../../contract";
import type { MessageKey } from "../../i18n";

/** What a range's problem says, and on which of its fields it shows. */
const SHOWN: Partial<Record<ConfigIssue["code"], { key: MessageKey; field: "start" | "end" }>> = {
  end_before_start: { key: "calendar.endBeforeStart", field: "end" },
  ranges_overlap: { key: "calendar.rangesOverlap", field: "start" },
};

/**
 * The weekly hours' ranges that end before they start or overlap another of their day, as field
 * errors on the range's own time field (`weeklyHours.1.0.end`), checked by the calendar's own rule
 * (the server's) before anything is sent: otherwise the server's refusal reads as one line at the
 * foot of the page naming a path. Times not yet HH:MM are the schema's to refuse, not this.
 */
export function weekIssues(
  week: CalendarSettings["weeklyHours"],
  t: (key: MessageKey) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  const issues = validateCalendarConfig({
    timeZone: "UTC",
    weeklyHours: week,
    statutoryHolidays: false,
    removedHolidays: [],
    closures: [],
  });
  for (const issue of issues) {
    const shown = SHOWN[issue.code];
    const at = /^weeklyHours\.(\d)\[(\d+)\]$/.exec(issue.path);
    if (!shown || !at) continue;
    const key = `weeklyHours.${at[1]}.${at[2]}.${shown.field}`;
    out[key] ??= t(shown.key);
  }
  return out;
}
