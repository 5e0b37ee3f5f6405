import type { ClosedDay } from "../../api/admin";
import { hasKey, type Translate } from "../../i18n";

/**
 * Why a day is closed, in the user's language: the server sends the weekday or the holiday's key (its
 * own `reason` is worded in the account's language); a closure's reason is shown as the admin typed it.
 */
export function closedDayReason(
  t: Translate,
  day: Pick<ClosedDay, "kind" | "reason" | "weekday" | "holiday">,
) {
  const holidayKey = `calendar.holiday.${day.holiday}`;
  if (day.kind === "holiday" && hasKey(holidayKey)) return t(holidayKey);
  const weekdayKey = `weekday.${day.weekday}`;
  if (day.weekday === undefined || !hasKey(weekdayKey)) return day.reason;
  const weekday = t(weekdayKey);
  return day.kind === "closed_day" ? t("calendar.closedDayReason", { weekday }) : weekday;
}
