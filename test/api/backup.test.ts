import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restoreCommand } from "../../src/server/platform/ops/commands.js";
import { OpsError } from "../../src/server/platform/ops/sqlite-backup.js";
import { ADMIN, type Caller, signIn } from "../client.js";
import { freshDatabase, startApp, type TestApp, type TestDb } from "../harness.js";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "mesa-backup-"));

/** Runs an ops entry point as its own OS process, as `npm run backup|restore -- <file>` does. */
function runOps(script: "backup" | "restore", file: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ["--import", "tsx", `src/server/platform/ops/${script}.ts`, file], {
    env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, stdout, stderr })),
  );
}

function integrity(file: string): string[] {
  const db = new SQLite(file, { readonly: true });
  try {
    return db.prepare("pragma integrity_check").pluck().all() as string[];
  } finally {
    db.close();
  }
}

async function seedClient(admin: Caller) {
  const client = await admin.post("/api/clients", { name: "Constructora Ñandú", rfc: "CÑA010203AB5" });
  const contact = await admin.post("/api/contacts", { clientId: client.body.id, name: "Contacto" });
  expect(contact.status).toBe(201);
  return { clientId: client.body.id as string, contactId: contact.body.id as string };
}

const ticket = (c: { clientId: string; contactId: string }, n: number) => ({
  ...c,
  title: `Falla ${n}`,
  description: "",
  urgent: false,
  channel: "phone",
});

describe("backup and restore of a SQLite data dir", () => {
  let db: TestDb;
  let t: TestApp;
  let admin: Caller;
  let c: { clientId: string; contactId: string };
  const dirs: string[] = [];

  beforeAll(async () => {
    db = await freshDatabase("sqlite");
    t = await startApp("sqlite", { db });
    admin = await signIn(t.app, ADMIN.email, ADMIN.password);
    c = await seedClient(admin);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it("takes a consistent backup while the server keeps creating tickets, and it restores", async () => {
    const out = tmp();
    dirs.push(out);
    const acked = new Map<string, string>(); // id → folio, for every 201 the server answered
    let n = 0;
    const create = async () => {
      const res = await admin.post("/api/tickets", ticket(c, n++));
      expect(res.status).toBe(201);
      acked.set(res.body.id, res.body.folio);
    };
    // A long read (a report, say) pins the WAL: no checkpoint can move what follows into mesa.sqlite,
    // so a plain copy of that file would miss every ticket below. The backup must read the WAL too.
    const reader = new SQLite(path.join(db.env.MESA_DATA_DIR!, "mesa.sqlite"), { readonly: true });
    reader.exec("begin");
    reader.prepare("select count(*) from tickets").get();
    for (let i = 0; i < 30; i++) await create();
    const before = new Map(acked);

    const file = path.join(out, "copia.sqlite");
    let backingUp = true;
    const backup = runOps("backup", file, { MESA_DATA_DIR: db.env.MESA_DATA_DIR }).finally(() => {
      backingUp = false;
    });
    const writers = Array.from({ length: 3 }, async () => {
      while (backingUp) await create();
    });
    const result = await backup;
    await Promise.all(writers);
    reader.exec("commit");
    reader.close();
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(acked.size).toBeGreaterThan(before.size); // the server really wrote during the backup
    expect(integrity(file)).toEqual(["ok"]);

    const restoredDir = path.join(out, "restaurado");
    expect(await restoreCommand(file, { dataDir: restoredDir, databaseUrl: undefined })).toContain(
      "Restaurado",
    );
    const restored = await startApp("sqlite", {
      db: { kind: "sqlite", env: { MESA_DATA_DIR: restoredDir }, drop: async () => {} },
    });
    try {
      const rows = await restored.app.ctx.db.selectFrom("tickets").select(["id", "folio"]).execute();
      const inBackup = new Map(rows.map((r) => [r.id, r.folio]));
      // Everything acknowledged before the backup began is there, with its folio.
      for (const [id, folio] of before) expect(inBackup.get(id)).toBe(folio);
      // Nothing the server did not acknowledge, and no hole: one consistent moment of the database.
      for (const [id, folio] of inBackup) expect(acked.get(id)).toBe(folio);
      const numbers = [...inBackup.values()].map((f) => Number(f.slice(-6))).sort((x, y) => x - y);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
      // The restored server answers for a ticket acknowledged before the backup.
      const [someId] = before.keys();
      const viaRestored = await signIn(restored.app, ADMIN.email, ADMIN.password);
      expect((await viaRestored.get(`/api/tickets/${someId}`)).status).toBe(200);
    } finally {
      await restored.app.close();
    }
    expect(integrity(path.join(restoredDir, "mesa.sqlite"))).toEqual(["ok"]);
  });

  it("refuses to restore over a data dir a running server holds, and restores once it stops", async () => {
    const out = tmp();
    dirs.push(out);
    const file = path.join(out, "copia.sqlite");
    expect((await runOps("backup", file, { MESA_DATA_DIR: db.env.MESA_DATA_DIR })).code).toBe(0);
    const target = await freshDatabase("sqlite");
    dirs.push(target.env.MESA_DATA_DIR!);
    const other = await startApp("sqlite", { db: target });
    const dbFile = path.join(target.env.MESA_DATA_DIR!, "mesa.sqlite");
    const original = fs.readFileSync(dbFile);

    const refused = await runOps("restore", file, { MESA_DATA_DIR: target.env.MESA_DATA_DIR });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Mesa está en marcha .*Detén el servidor/);
    expect(fs.readFileSync(dbFile).equals(original)).toBe(true);
    await other.app.close();

    // A pid file left by a process that no longer exists (kill -9) does not block the restore.
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    fs.writeFileSync(path.join(target.env.MESA_DATA_DIR!, `mesa-${dead}.pid`), `${dead}\n`);
    fs.writeFileSync(`${dbFile}-wal`, "stale");
    const ok = await runOps("restore", file, { MESA_DATA_DIR: target.env.MESA_DATA_DIR });
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(fs.existsSync(`${dbFile}-wal`)).toBe(false);
    const back = await startApp("sqlite", { db: target });
    const viaBack = await signIn(back.app, ADMIN.email, ADMIN.password);
    expect((await viaBack.get("/api/tickets?limit=5")).body.items.length).toBeGreaterThan(0);
    await back.app.close();
  });

  it("refuses a file that is not a sound Mesa database and leaves the data dir as it was", async () => {
    const out = tmp();
    dirs.push(out);
    const dataDir = path.join(out, "datos");
    const good = path.join(out, "buena.sqlite");
    expect((await runOps("backup", good, { MESA_DATA_DIR: db.env.MESA_DATA_DIR })).code).toBe(0);
    await restoreCommand(good, { dataDir, databaseUrl: undefined });
    const before = fs.readFileSync(path.join(dataDir, "mesa.sqlite"));

    const text = path.join(out, "notas.sqlite");
    fs.writeFileSync(text, "esto no es una base de datos ".repeat(200));
    const foreign = path.join(out, "otra.sqlite");
    const other = new SQLite(foreign);
    other.exec("create table clientes (id integer primary key, nombre text)");
    other.close();
    const corrupt = path.join(out, "danada.sqlite");
    const bytes = fs.readFileSync(good);
    // Scribble over pages past the schema page: the file still opens, its b-trees do not add up.
    for (let i = 4096 * 2; i < bytes.length; i += 97) bytes[i] = (bytes[i]! + 113) % 256;
    fs.writeFileSync(corrupt, bytes);

    const cases: [string, RegExp][] = [
      [text, /no es una base de datos SQLite válida/],
      [foreign, /no es una base de datos de Mesa/],
      [corrupt, /está dañado/],
      [path.join(out, "no-existe.sqlite"), /No existe el archivo/],
      // The live file of a running server: its latest changes are in the -wal a file copy leaves out.
      [path.join(db.env.MESA_DATA_DIR!, "mesa.sqlite"), /cambios pendientes en .*-wal/],
      [path.join(dataDir, "mesa.sqlite"), /ya es la base de datos de Mesa/],
    ];
    for (const [file, message] of cases) {
      await expect(restoreCommand(file, { dataDir, databaseUrl: undefined })).rejects.toThrow(message);
      await expect(restoreCommand(file, { dataDir, databaseUrl: undefined })).rejects.toBeInstanceOf(
        OpsError,
      );
    }
    const cli = await runOps("restore", text, { MESA_DATA_DIR: dataDir });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/no es una base de datos SQLite válida/);
    expect(fs.readFileSync(path.join(dataDir, "mesa.sqlite")).equals(before)).toBe(true);
  });

  it("on PostgreSQL prints the pg_dump command and touches nothing", async () => {
    const out = tmp();
    dirs.push(out);
    const file = path.join(out, "mesa.dump");
    const res = await runOps("backup", file, {
      DATABASE_URL: "postgres://mesa:secreto@db.example:5432/mesa",
      MESA_DATA_DIR: out,
    });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`pg_dump --format=custom --no-owner --file='${file}' "$DATABASE_URL"`);
    expect(res.stdout).not.toContain("secreto");
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
