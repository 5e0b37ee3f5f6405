import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Caller, type Res, signIn } from "../client.js";
import { startApp, type TestApp } from "../harness.js";
import { httpSignIn, killHard, startServer } from "../support/server-process.js";

// SQLite storage that cannot be written (read-only, full disk, size limit) used to answer 500 with
// "cannot rollback - no transaction is active" in the log. Root ignores file permissions, so the
// faults are made with pragmas and, for a real full disk, a file size limit (ulimit -f).

function expectStorageUnavailable(r: Res) {
  expect(r.status, JSON.stringify(r.body)).toBe(503);
  expect(r.headers["retry-after"]).toBe("30");
  expect(r.body.error.code).toBe("storage_unavailable");
  expect(r.body.error.message).toMatch(/almacenamiento/);
}

describe("unwritable SQLite storage", () => {
  let t: TestApp;
  let admin: Caller;
  let body: Record<string, unknown>;
  const pragma = (text: string) => sql.raw(`pragma ${text}`).execute(t.app.ctx.db);
  const ready = () => t.app.inject({ url: "/api/ready" });

  beforeAll(async () => {
    t = await startApp("sqlite");
    admin = await signIn(t.app, ADMIN.email, ADMIN.password);
    const client = await admin.post("/api/clients", { name: "Constructora Ñandú", rfc: "CÑA010203AB5" });
    body = { clientId: client.body.id, title: "Sin red", description: "", urgent: false, channel: "phone" };
  });
  afterAll(async () => t?.close());

  it("read-only database: writes get 503 storage_unavailable, reads go on, /api/ready names storage", async () => {
    await pragma("query_only = on");
    try {
      expectStorageUnavailable(await admin.post("/api/tickets", body));
      expectStorageUnavailable(await admin.post("/api/clients", { name: "Otra Empresa" }));
      expect((await admin.get("/api/tickets")).status).toBe(200);
      const r = await ready();
      expect(r.statusCode).toBe(503);
      expect(r.json()).toMatchObject({
        ready: false,
        failing: ["storage"],
        checks: { database: { ok: true }, migrations: { ok: true }, storage: { ok: false } },
      });
      expect((await t.app.inject({ url: "/api/health" })).statusCode).toBe(200);
    } finally {
      await pragma("query_only = off");
    }
    expect((await ready()).statusCode).toBe(200);
    const created = await admin.post("/api/tickets", body);
    expect(created.body.folio).toBe("OS-2026-000001"); // nothing was stored, no number spent
    expect((await admin.get("/api/clients?q=Otra")).body.items).toEqual([]);
  });

  it("describes /api/health and /api/ready in OpenAPI as public, with the 503 answer", async () => {
    const doc = (await t.app.inject({ url: "/api/openapi.json" })).json();
    expect(doc.paths["/api/health"].get.security).toEqual([]);
    expect(doc.paths["/api/ready"].get.security).toEqual([]);
    // 500 is documented on every route (an unforeseen fault), as are the HTTP parser's 408 and 431;
    // 503 is the answer readiness is for.
    expect(Object.keys(doc.paths["/api/ready"].get.responses).sort()).toEqual([
      "200",
      "408",
      "431",
      "500",
      "503",
    ]);
    expect((await t.app.inject({ url: "/api/ready" })).json()).toMatchObject({
      ready: true,
      failing: [],
      checks: { database: { ok: true }, migrations: { ok: true }, storage: { ok: true } },
    });
  });

  it("reports a migration the database has not run (an older schema under newer code)", async () => {
    const db = t.app.ctx.db;
    const row = await sql<{
      name: string;
      timestamp: string;
    }>`select * from kysely_migration order by name desc limit 1`.execute(db);
    const last = row.rows[0]!;
    await sql`delete from kysely_migration where name = ${last.name}`.execute(db);
    try {
      const r = await ready();
      expect(r.statusCode).toBe(503);
      expect(r.json().failing).toEqual(["migrations"]);
      expect(r.json().checks.migrations.message).toContain(last.name);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last.name}, ${last.timestamp})`.execute(
        db,
      );
    }
    expect((await ready()).statusCode).toBe(200);
  });

  it("full database (max_page_count reached): 503 storage_unavailable and /api/ready 503 until there is room", async () => {
    // Migrations that drop indexes leave free pages, and a file with free pages is not full yet.
    await sql`vacuum`.execute(t.app.ctx.db);
    await pragma("max_page_count = 1"); // never below the pages in use: the file stops growing here
    try {
      expectStorageUnavailable(
        await admin.post("/api/tickets", { ...body, description: "x".repeat(20_000) }),
      );
      const r = await ready();
      expect(r.statusCode).toBe(503);
      expect(r.json().failing).toEqual(["storage"]);
      expect(r.json().checks.storage.message).toMatch(/tamaño máximo/);
    } finally {
      await pragma("max_page_count = 1073741823");
    }
    expect((await ready()).statusCode).toBe(200);
    expect((await admin.post("/api/tickets", { ...body, description: "x".repeat(20_000) })).status).toBe(201);
  });
});

describe("a full disk under a running server", () => {
  it("answers 503 storage_unavailable and logs the real cause and MESA_DATA_DIR, not 'cannot rollback'", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-full-"));
    // Every file the process writes stops growing at 3 MB, like a disk that fills up.
    const server = await startServer({ MESA_DATA_DIR: dir, LOG_LEVEL: "error" }, { fileSizeKb: 3072 });
    try {
      const admin = await httpSignIn(server.url);
      const client = await admin.post("/api/clients", { name: "Constructora Ñandú", rfc: "CÑA010203AB5" });
      const big = {
        clientId: client.body.id,
        title: "Sin red",
        description: "x".repeat(20_000),
        urgent: false,
        channel: "phone",
      };
      let refused = null;
      for (let i = 0; i < 400 && !refused; i++) {
        const r = await admin.post("/api/tickets", big);
        if (r.status !== 201) refused = r;
      }
      expect(refused?.status, JSON.stringify(refused?.body)).toBe(503);
      expect(refused?.body.error.code).toBe("storage_unavailable");
      expect(refused?.headers.get("retry-after")).toBe("30");
      expect(server.alive()).toBe(true);
      expect((await admin.get("/api/tickets?limit=1")).status).toBe(200);
      const log = server.output();
      expect(log).not.toMatch(/cannot rollback/);
      const line = log
        .split("\n")
        .find((l) => l.includes("storage") || l.includes("E/S") || l.includes("disco"));
      expect(line).toBeDefined();
      expect(line).toContain(`MESA_DATA_DIR=${dir}`);
      expect(line).toMatch(/SQLITE_(IOERR|FULL)/);
      expect(line).not.toMatch(/\bat \S+ \(/); // no stack trace
    } finally {
      await killHard(server);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("an unusable MESA_DATA_DIR", () => {
  let tmp = "";
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-baddir-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it.each([
    [
      "below a regular file (cannot be created)",
      () => {
        fs.writeFileSync(path.join(tmp, "a-file"), "");
        return path.join(tmp, "a-file", "data");
      },
    ],
    [
      "whose database file is a directory",
      () => {
        fs.mkdirSync(path.join(tmp, "dir", "mesa.sqlite"), { recursive: true });
        return path.join(tmp, "dir");
      },
    ],
  ])("%s stops the start with one line naming the setting and the path", async (_n, make) => {
    const dataDir = make();
    const start = startApp("sqlite", {
      db: { kind: "sqlite", env: { MESA_DATA_DIR: dataDir }, drop: async () => {} },
    });
    const err = await start.then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.name).toBe("StartupError");
    expect(err?.message).toContain(`MESA_DATA_DIR=${dataDir}`);
    expect(err?.message).not.toContain("\n");
  });
});
