export {
  addBusinessMinutes,
  businessMinutesBetween,
  HORIZON_YEARS,
  isOpen,
  MAX_DEADLINE_MINUTES,
  maxBusinessMinutes,
  nextOpening,
  weeklyOpenMinutes,
} from "./arithmetic.js";
export { type BusinessCalendar, compileCalendar, MAX_YEAR, MIN_YEAR } from "./calendar.js";
export { closedDaysInMonth, explainDeadline, holidaysInYear, localDateOf } from "./explain.js";
export { type Holiday, type HolidayKey, mexicanStatutoryHolidays } from "./holidays.js";
export {
  type CalendarConfig,
  CalendarConfigError,
  CalendarRangeError,
  type Closure,
  type ConfigIssue,
  type ConfigIssueCode,
  DEFAULT_CALENDAR_CONFIG,
  type DeadlineExplanation,
  type SkipKind,
  type SkippedDay,
  type TimeRange,
  type Weekday,
} from "./types.js";
export { validateCalendarConfig } from "./validate.js";
