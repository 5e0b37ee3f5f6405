import type { Kysely } from "kysely";
import type { Role } from "../domain/workflow.js";
import type { Config } from "./config.js";
import type { Dialect } from "./db/database.js";
import type { DB } from "./db/schema.js";

export type Clock = () => Date;

/** What every service needs: the database, the configuration and the clock (tests pass their own). */
export interface AppContext {
  db: Kysely<DB>;
  dialect: Dialect;
  config: Config;
  clock: Clock;
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
