/**
 * The release commands on both databases: `npm run migrate` (with MESA_MIGRATE_ON_START=false the
 * server refuses to start on a database with pending migrations) and `npm run create-admin`.
 */
import { execFile } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { DATABASES, freshDatabase, type TestDb } from "../harness.js";

interface Run {
  code: number;
  out: string;
}

/** The command as `npm run <name>` runs it, from sources (tsx), with this database's environment. */
function cli(name: string, args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", `src/server/platform/cli/${name}.ts`, ...args],
      { env: { ...process.env, MESA_ADMIN_EMAIL: "", MESA_ADMIN_PASSWORD: "", ...env } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, out: stdout + stderr }),
    );
    child.stdin?.end(stdin ?? "");
  });
}

const quiet = { LOG_LEVEL: "silent", MESA_JOBS: "false", MESA_WEB_DIST: "/nonexistent" };

describe.each(DATABASES)("release commands on %s", (kind) => {
  let db: TestDb;
  afterEach(async () => db?.drop());

  it("with MESA_MIGRATE_ON_START=false, start refuses pending migrations until `migrate` ran", async () => {
    db = await freshDatabase(kind);
    const env = { ...quiet, ...db.env, MESA_MIGRATE_ON_START: "false" };
    await expect(buildApp({ env, logger: false })).rejects.toThrow(/migraciones pendientes.*npm run migrate/);

    const first = await cli("migrate", [], db.env);
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toContain("Migraciones aplicadas: 001_initial");
    const app = await buildApp({ env, logger: false });
    expect((await app.inject({ url: "/api/health" })).statusCode).toBe(200);
    await app.close();
    expect((await cli("migrate", [], db.env)).out).toContain("ya está al día");
  });

  it("create-admin makes an admin who can sign in, and refuses weak passwords and duplicates", async () => {
    db = await freshDatabase(kind);
    const args = ["--email", "ana@encor.mx", "--name", "Ana Pérez"];
    const weak = await cli("create-admin", args, { ...db.env, MESA_ADMIN_PASSWORD: "12345678" });
    expect(weak.code).toBe(1);
    expect(weak.out).toContain("Contraseña rechazada");

    const made = await cli("create-admin", args, db.env, "Tornillo-azul-42\n");
    expect(made.out).toContain("Administrador creado: ana@encor.mx");
    const again = await cli("create-admin", args, { ...db.env, MESA_ADMIN_PASSWORD: "Otra-clave-segura-9" });
    expect(again.code).toBe(1);
    expect(again.out).toContain("Ya existe un usuario con ese correo");

    const app = await buildApp({ env: { ...quiet, ...db.env }, logger: false });
    try {
      const login = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "ana@encor.mx", password: "Tornillo-azul-42" },
      });
      expect(login.statusCode).toBe(200);
      expect(login.json().user.roles).toEqual(["admin"]);
      const refused = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "ana@encor.mx", password: "12345678" },
      });
      expect(refused.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});
