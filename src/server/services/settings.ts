import type { z } from "zod";
import type {
  CalendarSettingsBody,
  CategoryBody,
  SlaSettings,
  SlaSettingsBody,
} from "../../contract/settings.js";
import {
  type BusinessCalendar,
  type CalendarConfig,
  CalendarConfigError,
  compileCalendar,
  DEFAULT_CALENDAR_CONFIG,
  validateCalendarConfig,
} from "../../domain/calendar/index.js";
import { DEFAULT_ROUNDING } from "../../domain/rounding.js";
import { DEFAULT_SLA_TARGETS } from "../../domain/sla.js";
import type { Actor, AppContext } from "../context.js";
import { auditRepo, settingsRepo } from "../db/repos/audit.js";
import { AppError, notFound } from "../errors.js";
import { requireRole, requireStaff } from "./authz.js";
import { checkBaseVersion, staleEdit } from "./versions.js";

export const DEFAULT_SLA_SETTINGS: SlaSettings = {
  targets: { ...DEFAULT_SLA_TARGETS },
  rounding: { ...DEFAULT_ROUNDING },
  nearThresholdMinutes: 30,
};

// Compiled calendars are cached per stored JSON, so another instance's change is seen on the next read.
const compiled = new Map<string, BusinessCalendar>();

/** A setting as the API shows it: its value (or the defaults) and its version (0 until first saved). */
export async function settingRecord<T extends object>(ctx: AppContext, key: string, defaults: T) {
  const r = await settingsRepo.record(ctx.db, key);
  return { ...((r.value as T | undefined) ?? defaults), version: r.version };
}

export const calendarRecord = (ctx: AppContext) => settingRecord(ctx, "calendar", DEFAULT_CALENDAR_CONFIG);
export const slaRecord = (ctx: AppContext) => settingRecord(ctx, "sla", DEFAULT_SLA_SETTINGS);

/**
 * Saves a setting and its audit row in one transaction, only over the version the caller based it on
 * (when given) and only if nobody saved in between; returns the new version.
 */
export async function storeSetting<T extends object>(
  ctx: AppContext,
  actor: Actor,
  key: string,
  input: T & { version?: number | undefined },
  defaults: T,
): Promise<T & { version: number }> {
  const { version: base, ...value } = input;
  const stored = await settingRecord(ctx, key, defaults);
  await checkBaseVersion(base, stored.version, "esta configuración", () => stored);
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
  if (!written) throw staleEdit("esta configuración", await settingRecord(ctx, key, defaults));
  return { ...(value as T), version: stored.version + 1 };
}

export async function calendarConfig(ctx: AppContext): Promise<CalendarConfig> {
  return (
    ((await settingsRepo.get(ctx.db, "calendar")) as CalendarConfig | undefined) ?? DEFAULT_CALENDAR_CONFIG
  );
}

export async function businessCalendar(ctx: AppContext): Promise<BusinessCalendar> {
  const cfg = await calendarConfig(ctx);
  const key = JSON.stringify(cfg);
  let cal = compiled.get(key);
  if (!cal) {
    cal = compileCalendar(cfg);
    if (compiled.size > 20) compiled.clear();
    compiled.set(key, cal);
  }
  return cal;
}

export async function saveCalendar(
  ctx: AppContext,
  actor: Actor,
  body: z.output<typeof CalendarSettingsBody>,
) {
  requireRole(actor);
  const { version: _base, ...input } = body;
  const issues = validateCalendarConfig(input as CalendarConfig);
  if (issues.length) {
    throw new AppError("validation_failed", `Calendario inválido: ${issues[0]!.message}`, issues);
  }
  try {
    compileCalendar(input as CalendarConfig);
  } catch (err) {
    if (err instanceof CalendarConfigError) throw new AppError("validation_failed", err.message, err.issues);
    throw err;
  }
  return storeSetting(
    ctx,
    actor,
    "calendar",
    body as CalendarConfig & { version?: number },
    DEFAULT_CALENDAR_CONFIG,
  );
}

export async function slaSettings(ctx: AppContext): Promise<SlaSettings> {
  return ((await settingsRepo.get(ctx.db, "sla")) as SlaSettings | undefined) ?? DEFAULT_SLA_SETTINGS;
}

export async function saveSlaSettings(ctx: AppContext, actor: Actor, body: z.output<typeof SlaSettingsBody>) {
  requireRole(actor);
  return storeSetting(ctx, actor, "sla", body, DEFAULT_SLA_SETTINGS);
}

export async function listCategories(ctx: AppContext, actor: Actor) {
  requireStaff(actor);
  const rows = await ctx.db.selectFrom("categories").selectAll().orderBy("name").execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    estimateMinutes: r.estimate_minutes,
    active: r.active === 1,
  }));
}

export async function categoryEstimate(ctx: AppContext, code: string | null): Promise<number | null> {
  if (!code) return null;
  const row = await ctx.db
    .selectFrom("categories")
    .select(["estimate_minutes", "active"])
    .where("code", "=", code)
    .executeTakeFirst();
  return row ? row.estimate_minutes : null;
}

export async function categoryNameOf(ctx: AppContext, code: string): Promise<string | null> {
  const row = await ctx.db
    .selectFrom("categories")
    .select("name")
    .where("code", "=", code)
    .executeTakeFirst();
  return row?.name ?? null;
}

export async function requireCategory(ctx: AppContext, code: string): Promise<void> {
  const row = await ctx.db
    .selectFrom("categories")
    .select("active")
    .where("code", "=", code)
    .executeTakeFirst();
  if (row?.active !== 1) throw notFound(`La categoría «${code}»`, { field: "category" });
}

export async function saveCategory(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: z.output<typeof CategoryBody>,
) {
  requireRole(actor);
  const now = ctx.clock().toISOString();
  const values = { name: input.name, estimate_minutes: input.estimateMinutes, active: input.active ? 1 : 0 };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("categories")
      .values({ code, ...values })
      .onConflict((oc) => oc.column("code").doUpdateSet(values))
      .execute();
    await auditRepo.record(trx, {
      entity: "category",
      entityId: code,
      at: now,
      actorId: actor.id,
      action: "save",
      changes: input,
    });
  });
  return { code, name: input.name, estimateMinutes: input.estimateMinutes, active: input.active };
}
