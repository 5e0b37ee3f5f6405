import type { z } from "zod";
import {
  CalendarSettings,
  type CalendarSettingsBody,
  type CategoryBody,
  type SlaSettings,
  type SlaSettingsBody,
  SlaSettings as SlaSettingsSchema,
} from "../../../contract/settings.js";
import {
  type BusinessCalendar,
  type CalendarConfig,
  CalendarConfigError,
  type ConfigIssue,
  compileCalendar,
  DEFAULT_CALENDAR_CONFIG,
  validateCalendarConfig,
} from "../../../domain/calendar/index.js";
import { DEFAULT_ROUNDING } from "../../../domain/rounding.js";
import { DEFAULT_SLA_TARGETS } from "../../../domain/sla.js";
import { type Actor, type AppContext, memoized } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import type { CategoriesTable } from "../../platform/database/schema.js";
import { AppError, notFound } from "../../platform/errors.js";
import { checkBaseVersion, staleEdit } from "../../platform/http/versions.js";
import { assertMayEditSettings, assertMayReadSettings } from "./policy.js";
import { categoriesRepo, settingsRepo } from "./repository.js";
import { readSetting, type SettingSpec, settingRecord } from "./stored-settings.js";

export const DEFAULT_SLA_SETTINGS: SlaSettings = {
  targets: { ...DEFAULT_SLA_TARGETS },
  rounding: { ...DEFAULT_ROUNDING },
  nearThresholdMinutes: 30,
};

export const CALENDAR_SETTING: SettingSpec<CalendarConfig> = {
  key: "calendar",
  schema: CalendarSettings,
  defaults: DEFAULT_CALENDAR_CONFIG,
};
export const SLA_SETTING: SettingSpec<SlaSettings> = {
  key: "sla",
  schema: SlaSettingsSchema,
  defaults: DEFAULT_SLA_SETTINGS,
};

// Compiled calendars are cached per stored JSON, so another instance's change is seen on the next read;
// and per config object, which stays the same while the stored value does (see settingsRepo.records).
const compiled = new Map<string, BusinessCalendar>();
const compiledFor = new WeakMap<CalendarConfig, BusinessCalendar>();

/** A setting as the API shows it: its value (or the defaults) and its version (0 until first saved). */
async function recordOf<T extends object>(ctx: AppContext, spec: SettingSpec<T>) {
  const r = await settingRecord(ctx, spec);
  return { ...r.value, version: r.version };
}

export const calendarRecord = (ctx: AppContext) => recordOf(ctx, CALENDAR_SETTING);
export const slaRecord = (ctx: AppContext) => recordOf(ctx, SLA_SETTING);

/**
 * Saves a setting and its audit row in one transaction, only over the version the caller based it on
 * (when given) and only if nobody saved in between; returns the new version.
 */
export async function storeSetting<T extends object>(
  ctx: AppContext,
  actor: Actor,
  spec: SettingSpec<T>,
  value: T,
  base?: number,
): Promise<T & { version: number }> {
  const key = spec.key;
  const stored = await recordOf(ctx, spec);
  await checkBaseVersion(base, stored.version, "settings", () => stored);
  const now = ctx.clock().toISOString();
  const written = await ctx.db.transaction().execute(async (trx) => {
    const write = { value, at: now, by: actor.id };
    if (!(await settingsRepo.putIfVersion(trx, key, stored.version, write))) return false;
    await auditRepo.record(trx, {
      entity: "settings",
      entityId: key,
      at: now,
      actorId: actor.id,
      action: "update",
      changes: value,
    });
    return true;
  });
  if (!written) throw staleEdit("settings", await recordOf(ctx, spec));
  ctx.memo?.delete(`setting:${key}`);
  return { ...value, version: stored.version + 1 };
}

export function calendarConfig(ctx: AppContext): Promise<CalendarConfig> {
  return readSetting(ctx, CALENDAR_SETTING);
}

export async function businessCalendar(ctx: AppContext): Promise<BusinessCalendar> {
  const cfg = await calendarConfig(ctx);
  let cal = compiledFor.get(cfg);
  if (cal) return cal;
  const key = JSON.stringify(cfg);
  cal = compiled.get(key);
  if (!cal) {
    cal = compileCalendar(cfg);
    if (compiled.size > 20) compiled.clear();
    compiled.set(key, cal);
  }
  compiledFor.set(cfg, cal);
  return cal;
}

export async function saveCalendar(
  ctx: AppContext,
  actor: Actor,
  body: z.output<typeof CalendarSettingsBody>,
) {
  assertMayEditSettings(actor);
  const { version, ...input } = body;
  const issues = validateCalendarConfig(input);
  if (issues.length > 0) throw calendarInvalid(issues);
  try {
    compileCalendar(input);
  } catch (err) {
    if (err instanceof CalendarConfigError) throw calendarInvalid(err.issues);
    throw err;
  }
  return storeSetting(ctx, actor, CALENDAR_SETTING, input, version);
}

export function slaSettings(ctx: AppContext): Promise<SlaSettings> {
  return readSetting(ctx, SLA_SETTING);
}

export async function saveSlaSettings(ctx: AppContext, actor: Actor, body: z.output<typeof SlaSettingsBody>) {
  assertMayEditSettings(actor);
  const { version, ...value } = body;
  return storeSetting(ctx, actor, SLA_SETTING, value, version);
}

export async function listCategories(ctx: AppContext, actor: Actor) {
  assertMayReadSettings(actor);
  const rows = await categoriesRepo.list(ctx.db);
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    estimateMinutes: r.estimate_minutes,
    active: r.active === 1,
  }));
}

/** A category's row, read once per request: intake checks it exists and then takes its estimate. */
const categoryRow = (ctx: AppContext, code: string) =>
  memoized(ctx, `category:${code}`, () => categoriesRepo.byCode(ctx.db, code));

/**
 * A category's row as another statement of this request read it (intake reads it with the client):
 * the request's later checks and its estimate use it instead of reading it again.
 */
export function rememberCategoryRow(ctx: AppContext, code: string, row: CategoriesTable | undefined): void {
  void memoized(ctx, `category:${code}`, async () => row);
}

export async function categoryEstimate(ctx: AppContext, code: string | null): Promise<number | null> {
  if (!code) return null;
  const row = await categoryRow(ctx, code);
  return row ? row.estimate_minutes : null;
}

export async function categoryNameOf(ctx: AppContext, code: string): Promise<string | null> {
  const row = await categoryRow(ctx, code);
  return row?.name ?? null;
}

/** 400 worded from the first issue's code (the message names its path); every issue in `details`. */
function calendarInvalid(issues: ConfigIssue[]): AppError {
  const [first] = issues;
  const params = first ? { path: first.path, code: first.code, ...first.params } : {};
  return new AppError("validation_failed", "settings.calendar_invalid", params, issues);
}

export async function requireCategory(ctx: AppContext, code: string): Promise<void> {
  const row = await categoryRow(ctx, code);
  if (!row) throw notFound("category", { field: "category" }, { code });
  // Still 404 (it cannot be chosen), but said as it is: it exists and was retired.
  if (row.active !== 1)
    throw new AppError("not_found", "error.category_inactive", { name: row.name }, { field: "category" });
}

export async function saveCategory(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: z.output<typeof CategoryBody>,
) {
  assertMayEditSettings(actor);
  const now = ctx.clock().toISOString();
  const values = { name: input.name, estimate_minutes: input.estimateMinutes, active: input.active ? 1 : 0 };
  await ctx.db.transaction().execute(async (trx) => {
    await categoriesRepo.save(trx, code, values);
    await auditRepo.record(trx, {
      entity: "category",
      entityId: code,
      at: now,
      actorId: actor.id,
      action: "save",
      changes: input,
    });
  });
  ctx.memo?.delete(`category:${code}`);
  return { code, name: input.name, estimateMinutes: input.estimateMinutes, active: input.active };
}
