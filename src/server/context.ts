import type { Kysely } from "kysely";
import type { Role } from "../domain/workflow.js";
import type { Config } from "./platform/config.js";
import type { Dialect } from "./platform/database/database.js";
import type { DB } from "./platform/database/schema.js";

export type Clock = () => Date;

/** What every service needs: the database, the configuration and the clock (tests pass their own). */
export interface AppContext {
  db: Kysely<DB>;
  dialect: Dialect;
  config: Config;
  clock: Clock;
  /** Where services log what the caller need not see (a stored setting that fails its schema…). */
  log?: { warn(obj: object, msg: string): void };
  /**
   * Values read once per request (settings): present only on a request's own context (`forRequest`).
   * Never shared between requests, so another instance's write is seen by the next request.
   */
  memo?: Map<string, Promise<unknown>>;
  /** The stamp of the most-read settings as the request's sign-in read saw them (settings/repository.ts). */
  settingsStamp?: string | null;
}

/**
 * The app's context for one request: the same database and clock, with its own memo and the settings
 * stamp its sign-in read (the auth hook's `request.settingsStamp`).
 */
export const forRequest = (ctx: AppContext, request?: { settingsStamp?: string | null }): AppContext => ({
  ...ctx,
  memo: new Map(),
  settingsStamp: request?.settingsStamp ?? null,
});

/** Runs `read` once per request for `key` (every time when there is no request memo). */
export function memoized<T>(ctx: AppContext, key: string, read: () => Promise<T>): Promise<T> {
  if (!ctx.memo) return read();
  const hit = ctx.memo.get(key);
  // Only `memoized` writes the map, and it stores under each key the promise its caller's `read` returns.
  if (hit) return hit as Promise<T>;
  const p = read();
  ctx.memo.set(key, p);
  // A failed read is not remembered: a retry within the request reads again.
  p.catch(() => ctx.memo?.delete(key));
  return p;
}

export interface Actor {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  skills: string[];
  clientId: string | null;
  locale: "es-MX" | "en";
  via: "cookie" | "token";
  sessionId: string | null;
  csrfToken: string | null;
}

export const nowIso = (ctx: Pick<AppContext, "clock">): string => ctx.clock().toISOString();
