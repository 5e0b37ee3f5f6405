import { z } from "zod";
import {
  BaseVersion,
  DateOnly,
  EstimateMinutes,
  Instant,
  Line,
  MAX_INPUT_YEAR,
  MIN_INPUT_YEAR,
  Text,
  YEAR_RANGE,
} from "./common.js";

const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "input.time_format");
export const TimeRangeSchema = z.strictObject({ start: HourMinute, end: HourMinute });
export const ClosureSchema = z.strictObject({
  date: DateOnly,
  from: HourMinute.optional(),
  to: HourMinute.optional(),
  reason: Text(200),
});
const DayRanges = z.array(TimeRangeSchema).max(6);

export const CalendarSettings = z.strictObject({
  timeZone: z.string().min(1).max(64),
  weeklyHours: z.strictObject({
    1: DayRanges,
    2: DayRanges,
    3: DayRanges,
    4: DayRanges,
    5: DayRanges,
    6: DayRanges,
    7: DayRanges,
  }),
  statutoryHolidays: z.boolean(),
  removedHolidays: z.array(DateOnly).max(500),
  closures: z.array(ClosureSchema).max(2000),
});
export type CalendarSettings = z.infer<typeof CalendarSettings>;
/** What PUT takes (the settings plus the version they were based on) and what GET/PUT return. */
export const CalendarSettingsBody = CalendarSettings.extend({ version: BaseVersion });
export const CalendarSettingsRecord = CalendarSettings.extend({ version: z.number() });

// Whole business minutes, refused with a coded message (not zod's) when a fraction comes in.
const TargetMinutes = z
  .number()
  .int("input.minutes_integer")
  .min(1, "input.minutes_min")
  .max(60 * 24 * 30);
const RoundingMinutes = z.number().int("input.minutes_integer").min(1, "input.minutes_min").max(480);
export const SlaSettings = z.strictObject({
  targets: z.strictObject({
    contractNormal: TargetMinutes,
    contractUrgent: TargetMinutes,
    eventNormal: TargetMinutes,
    eventUrgent: TargetMinutes,
  }),
  rounding: z.strictObject({
    contract: RoundingMinutes,
    event: RoundingMinutes,
  }),
  nearThresholdMinutes: z
    .number()
    .int("input.minutes_integer")
    .min(0, "input.minutes_nonnegative")
    .max(60 * 24),
});
export type SlaSettings = z.infer<typeof SlaSettings>;
export const SlaSettingsBody = SlaSettings.extend({ version: BaseVersion });
export const SlaSettingsRecord = SlaSettings.extend({ version: z.number() });

export const ClosedDaysQuery = z.object({
  year: z.coerce
    .number()
    .int()
    // One check with both bounds as the message's arguments; OpenAPI still shows them as min and max.
    .refine((y) => y >= MIN_INPUT_YEAR && y <= MAX_INPUT_YEAR, {
      message: "input.year_range",
      params: YEAR_RANGE,
    })
    .meta({ minimum: MIN_INPUT_YEAR, maximum: MAX_INPUT_YEAR }),
  month: z.coerce.number().int().min(1).max(12),
});
/**
 * Why a day is closed: `reason` in the reader's language (a closure's as the admin typed it), and the
 * data it is worded from, for clients that word it themselves: the weekday (1 Monday … 7 Sunday) of a
 * `weekend` or `closed_day`, the statutory `holiday`'s key (`revolution_day`…).
 */
const WhyClosed = {
  kind: z.string(),
  reason: z.string(),
  weekday: z.number().int().min(1).max(7).optional(),
  holiday: z.string().optional(),
};
export const ClosedDay = z.object({ date: z.string(), ...WhyClosed });

export const DeadlineQuery = z.object({
  from: Instant,
  minutes: z.coerce.number().int("input.minutes_integer").min(0, "input.minutes_nonnegative"),
});
/** A day (or, with `from`/`to`, part of one) the deadline skipped, and why. */
export const SkippedDay = z.object({
  date: z.string(),
  ...WhyClosed,
  from: z.string().optional(),
  to: z.string().optional(),
});
export const DeadlineResult = z.object({
  dueAt: z.string(),
  minutes: z.number(),
  intervals: z.array(z.object({ start: z.string(), end: z.string(), minutes: z.number() })),
  skipped: z.array(SkippedDay),
});

export const Category = z.object({
  code: z.string(),
  name: z.string(),
  estimateMinutes: z.number(),
  active: z.boolean(),
});
export const CategoryBody = z.strictObject({
  name: Line(200),
  estimateMinutes: EstimateMinutes,
  active: z.boolean().default(true),
});
export const CategoryCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "input.code");

export const RecomputeBody = z.strictObject({
  statuses: z.array(z.enum(["new", "assigned", "in_progress"])).default(["new", "assigned"]),
});

export const ClosedDayList = z.object({ items: z.array(ClosedDay) });
export const CategoryList = z.object({ items: z.array(Category) });
export const CategoryParams = z.object({ code: CategoryCode });

export const AuditEntity = z.enum([
  "client",
  "contact",
  "contract",
  "contract_type",
  "user",
  "settings",
  "category",
]);
export const AuditQuery = z.object({ entity: AuditEntity, entityId: z.string().min(1).max(64) });
export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  changes: z.unknown(),
});
export const AuditTrail = z.object({ items: z.array(AuditEntry) });
