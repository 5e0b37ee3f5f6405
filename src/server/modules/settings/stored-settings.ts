import type { z } from "zod";
import { type AppContext, memoized } from "../../context.js";
import { issueText } from "../../platform/i18n/index.js";
import { deepFreeze, READ_TOGETHER, settingsRepo } from "./repository.js";

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

/**
 * Values that met their schema, per setting and by the (frozen, shared) stored value they came from:
 * each is checked once (two settings may store the same text, hence one map per setting).
 */
const valid = new WeakMap<SettingSpec<object>, WeakMap<object, unknown>>();

function validFor(spec: SettingSpec<object>): WeakMap<object, unknown> {
  let m = valid.get(spec);
  if (!m) {
    m = new WeakMap();
    valid.set(spec, m);
  }
  return m;
}

function checked<T extends object>(
  ctx: AppContext,
  spec: SettingSpec<T>,
  r: { value: unknown; version: number },
): { value: T; version: number; stored: boolean } {
  if (r.value === undefined) return { value: spec.defaults, version: r.version, stored: false };
  const shared = typeof r.value === "object" && r.value !== null && Object.isFrozen(r.value) ? r.value : null;
  const known = shared && validFor(spec).get(shared);
  if (known) return { value: known as T, version: r.version, stored: true };
  const parsed = spec.schema.safeParse(r.value);
  if (parsed.success) {
    if (shared) validFor(spec).set(shared, deepFreeze(parsed.data));
    return { value: parsed.data, version: r.version, stored: true };
  }
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: issueText(i) }));
  const msg = `configuración «${spec.key}» guardada no válida; se usan los valores predeterminados`;
  if (ctx.log) ctx.log.warn({ key: spec.key, issues }, msg);
  else console.warn(msg, JSON.stringify(issues));
  return { value: spec.defaults, version: r.version, stored: false };
}

/**
 * Per database, the READ_TOGETHER rows this process read last, with their stamp. A request whose
 * sign-in read saw the same stamp (`ctx.settingsStamp`) uses them without reading again: as fresh as
 * a read at the start of the request, one round trip fewer on every ticket request.
 */
const lastTogether = new WeakMap<object, Awaited<ReturnType<typeof settingsRepo.together>>>();

async function togetherRows(ctx: AppContext) {
  const last = lastTogether.get(ctx.db);
  if (ctx.settingsStamp && last?.stamp === ctx.settingsStamp) return last.rows;
  const read = await settingsRepo.together(ctx.db);
  lastTogether.set(ctx.db, read);
  return read.rows;
}

/** The setting's value, read at most once per request (see `forRequest`). */
export function readSetting<T extends object>(ctx: AppContext, spec: SettingSpec<T>): Promise<T> {
  return memoized(ctx, `setting:${spec.key}`, async () => {
    if (!ctx.memo || !(READ_TOGETHER as readonly string[]).includes(spec.key)) {
      return (await settingRecord(ctx, spec)).value;
    }
    const rows = await memoized(ctx, "settings:together", () => togetherRows(ctx));
    return checked(ctx, spec, rows.get(spec.key) ?? { value: undefined, version: 0 }).value;
  });
}
