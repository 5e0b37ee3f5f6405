import type { z } from "zod";
import { type AppContext, memoized } from "../../context.js";
import { settingsRepo } from "./repository.js";

/** A settings row: its key, the schema a stored value must meet and what applies when none is stored. */
export interface SettingSpec<T extends object> {
  key: string;
  schema: z.ZodType<T>;
  defaults: T;
}

/**
 * A stored setting checked against its schema. A value that fails it (written by an older version, or by
 * hand) does not take the request down: the defaults apply and a warning is logged, so an admin can resave.
 */
export async function settingRecord<T extends object>(
  ctx: AppContext,
  spec: SettingSpec<T>,
): Promise<{ value: T; version: number; stored: boolean }> {
  return checked(ctx, spec, await settingsRepo.record(ctx.db, spec.key));
}

function checked<T extends object>(
  ctx: AppContext,
  spec: SettingSpec<T>,
  r: { value: unknown; version: number },
): { value: T; version: number; stored: boolean } {
  if (r.value === undefined) return { value: spec.defaults, version: r.version, stored: false };
  const parsed = spec.schema.safeParse(r.value);
  if (parsed.success) return { value: parsed.data, version: r.version, stored: true };
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const msg = `configuración «${spec.key}» guardada no válida; se usan los valores predeterminados`;
  if (ctx.log) ctx.log.warn({ key: spec.key, issues }, msg);
  else console.warn(msg, JSON.stringify(issues));
  return { value: spec.defaults, version: r.version, stored: false };
}

/**
 * Settings nearly every ticket request needs (deadlines and SLA state): within a request, the first
 * read of one fetches them all in one statement.
 */
const READ_TOGETHER = ["calendar", "sla"];

/**
 * The last stored text of each of those settings and the value it was checked to. They change rarely
 * and nearly every request reads them: the same text is not parsed and validated again. The value is
 * shared by the requests that read it, so it is frozen.
 */
const lastChecked = new Map<string, { text: string; value: object }>();

function checkedText<T extends object>(ctx: AppContext, spec: SettingSpec<T>, stored?: { text: string }): T {
  if (!stored) return spec.defaults;
  const hit = lastChecked.get(spec.key);
  if (hit?.text === stored.text) return hit.value as T;
  const r = checked(ctx, spec, { value: JSON.parse(stored.text), version: 0 });
  if (r.stored) lastChecked.set(spec.key, { text: stored.text, value: deepFreeze(r.value) });
  return r.value;
}

/** The setting's value, read at most once per request (see `forRequest`). */
export function readSetting<T extends object>(ctx: AppContext, spec: SettingSpec<T>): Promise<T> {
  return memoized(ctx, `setting:${spec.key}`, async () => {
    if (!ctx.memo || !READ_TOGETHER.includes(spec.key)) return (await settingRecord(ctx, spec)).value;
    const rows = await memoized(ctx, "settings:together", () => settingsRepo.records(ctx.db, READ_TOGETHER));
    return checkedText(ctx, spec, rows.get(spec.key));
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
