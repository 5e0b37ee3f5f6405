import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Caller, signIn } from "../client.js";
import { startApp, type TestApp } from "../harness.js";

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
