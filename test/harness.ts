import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { buildApp, type MesaApp } from "../src/server/app.js";
import type { Clock } from "../src/server/context.js";

export type DbKind = "sqlite" | "postgres";

/** Every API suite runs on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set. */
export const DATABASES: DbKind[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];

async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `mesa_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestDb {
  kind: DbKind;
  env: NodeJS.ProcessEnv;
  drop(): Promise<void>;
}

/** A new, empty database of the given kind (a temp dir for SQLite, a new database on PostgreSQL). */
export async function freshDatabase(kind: DbKind): Promise<TestDb> {
  if (kind === "postgres") {
    const pgdb = await freshPostgres();
    return { kind, env: { DATABASE_URL: pgdb.url }, drop: pgdb.drop };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-test-"));
  return {
    kind,
    env: { MESA_DATA_DIR: dir },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export interface TestApp {
  app: MesaApp;
  db: TestDb;
  close(): Promise<void>;
}

export async function startApp(
  kind: DbKind,
  opts: { clock?: Clock; env?: NodeJS.ProcessEnv; db?: TestDb } = {},
): Promise<TestApp> {
  const db = opts.db ?? (await freshDatabase(kind));
  const app = await buildApp({
    env: {
      MESA_ADMIN_EMAIL: "admin@encor.mx",
      MESA_ADMIN_PASSWORD: "admin-password-123",
      MESA_WEB_DIST: "/nonexistent",
      // Suites sign in many times from one address; the throttling suites set their own limits.
      MESA_LOGIN_ATTEMPTS: "1000",
      MESA_LOGIN_IP_ATTEMPTS: "1000",
      MESA_LOGIN_CONCURRENCY_PER_IP: "100",
      MESA_RATE_LIMIT_PER_MINUTE: "1000000",
      LOG_LEVEL: "silent",
      MESA_JOBS: "false",
      ...db.env,
      ...opts.env,
    },
    clock: opts.clock,
    logger: false,
  });
  return {
    app,
    db,
    close: async () => {
      await app.close();
      if (!opts.db) await db.drop();
    },
  };
}

/** A clock the test moves by hand. */
export function manualClock(startIso: string) {
  let now = Date.parse(startIso);
  const clock: Clock = () => new Date(now);
  return {
    clock,
    set: (iso: string) => {
      now = Date.parse(iso);
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** Statements the app runs against its database, counted from now on (a Kysely plugin on `app.ctx.db`). */
export interface QueryCounter {
  /** Statements run since the last reset. */
  readonly count: number;
  /** What each was (kind and first table), for a failing assertion to show what ran. */
  readonly ran: string[];
  reset(): void;
}

/**
 * Routes and services read `ctx.db` at call time, so swapping it for the same database with a counting
 * plugin counts every statement a request runs (transactions inherit the plugin; BEGIN/COMMIT are not
 * counted). Counted when a result comes back, so a statement compiled but never run does not count.
 */
export function countQueries(app: MesaApp): QueryCounter {
  const ran: string[] = [];
  const pending = new Map<string, string>();
  app.ctx.db = app.ctx.db.withPlugin({
    transformQuery: (args) => {
      pending.set(args.queryId.queryId, describeNode(args.node));
      return args.node;
    },
    transformResult: async (args) => {
      ran.push(pending.get(args.queryId.queryId) ?? "?");
      pending.delete(args.queryId.queryId);
      return args.result;
    },
  });
  return {
    get count() {
      return ran.length;
    },
    ran,
    reset: () => {
      ran.length = 0;
    },
  };
}

function describeNode(node: { kind: string }): string {
  // Only for messages: the first table name found anywhere in the tree.
  const table = JSON.stringify(node).match(/"kind":"TableNode","table":\{[^}]*"name":"(\w+)"/);
  return `${node.kind}${table ? ` ${table[1]}` : ""}`;
}
