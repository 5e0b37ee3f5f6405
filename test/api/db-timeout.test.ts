import net from "node:net";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/server/platform/database/database.js";
import { migrateToLatest, pendingMigrations } from "../../src/server/platform/database/migrate.js";
import { ADMIN, type Caller, signIn } from "../client.js";
import { freshDatabase, startApp, type TestApp, type TestDb } from "../harness.js";

// A statement timeout is a PostgreSQL setting; SQLite has no server to wait on.
describe.skipIf(!process.env.TEST_DATABASE_URL)("a stuck PostgreSQL query is cut off", () => {
  let t: TestApp;
  let admin: Caller;
  beforeAll(async () => {
    t = await startApp("postgres", { env: { MESA_DB_STATEMENT_TIMEOUT_MS: "500" } });
    admin = await signIn(t.app, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => t?.close());

  it("a query blocked by a lock answers 503 database_unavailable within the timeout, not never", async () => {
    const blocker = new pg.Client({ connectionString: t.db.env.DATABASE_URL as string });
    await blocker.connect();
    try {
      await blocker.query("begin");
      await blocker.query("lock table clients in access exclusive mode");
      const started = Date.now();
      const res = await admin.get("/api/clients");
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("database_unavailable");
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await blocker.query("rollback");
      await blocker.end();
    }
    expect((await admin.get("/api/clients")).status).toBe(200);
  });
});

/** A TCP proxy to PostgreSQL that can go silent: it keeps every connection open and drops what the server sends. */
async function silenceableProxy(target: URL) {
  let silent = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on("data", (d) => upstream.write(d));
    upstream.on("data", (d) => silent || client.write(d));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    silence: (on: boolean) => {
      silent = on;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("a PostgreSQL server that stops answering", () => {
  let db: TestDb;
  let proxy: Awaited<ReturnType<typeof silenceableProxy>>;
  let t: TestApp;
  let admin: Caller;
  beforeAll(async () => {
    db = await freshDatabase("postgres");
    proxy = await silenceableProxy(new URL(db.env.DATABASE_URL as string));
    t = await startApp("postgres", {
      db,
      env: { DATABASE_URL: proxy.url, MESA_DB_STATEMENT_TIMEOUT_MS: "400" },
    });
    admin = await signIn(t.app, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await db?.drop();
  });

  it("answers 503 database_unavailable soon after the statement timeout, and 200 once the server answers again", async () => {
    expect((await admin.get("/api/clients")).status).toBe(200);
    proxy.silence(true);
    const started = Date.now();
    const res = await admin.get("/api/clients");
    const waited = Date.now() - started;
    proxy.silence(false);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("database_unavailable");
    // The server's own timeout cannot reach a client it does not answer; the client gives up at 2 × 400 ms.
    expect(waited).toBeGreaterThanOrEqual(700);
    expect(waited).toBeLessThan(5_000);
    expect((await admin.get("/api/clients")).status).toBe(200);
  });
});

// Migrations build indexes and rewrite every ticket's text: minutes on a large table. Kysely runs all
// pending ones in one transaction, so a statement cut by the request timeout would undo them all.
describe.skipIf(!process.env.TEST_DATABASE_URL)("migrations are not cut by the statement timeout", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDatabase("postgres");
  });
  afterAll(async () => db?.drop());

  it("a fresh database migrates with a 1 ms timeout that cuts any request's slow statement", async () => {
    const databaseUrl = db.env.DATABASE_URL as string;
    const bounded = openDatabase({ databaseUrl, dataDir: "", dbStatementTimeoutMs: 1 });
    try {
      await expect(sql`select pg_sleep(0.05)`.execute(bounded.db)).rejects.toMatchObject({ code: "57014" });
      expect((await migrateToLatest(bounded)).length).toBeGreaterThan(30);
    } finally {
      await bounded.close();
    }
    const normal = openDatabase({ databaseUrl, dataDir: "" });
    try {
      expect(await pendingMigrations(normal)).toEqual([]);
    } finally {
      await normal.close();
    }
  });
});
