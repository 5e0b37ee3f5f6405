/**
 * What an operator sees when `npm start` cannot start: one clear line on stderr (no stack, no blame on a
 * migration that never ran) and exit code 1.
 */
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";

interface Run {
  code: number;
  stderr: string;
}

function startServer(env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/server/main.ts"],
      {
        env: {
          ...process.env,
          LOG_LEVEL: "silent",
          MESA_JOBS: "false",
          MESA_WEB_DIST: "/nonexistent",
          ...env,
        },
        timeout: 30_000,
      },
      (err, _stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stderr }),
    );
  });
}

describe("start-up errors", () => {
  it("an unreachable PostgreSQL is named as such, in one line, with exit code 1", async () => {
    for (const migrateOnStart of ["true", "false"]) {
      const run = await startServer({
        DATABASE_URL: "postgres://postgres@127.0.0.1:1/x",
        MESA_MIGRATE_ON_START: migrateOnStart,
      });
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(
        "No se pudo conectar a la base de datos (DATABASE_URL → 127.0.0.1:1): ECONNREFUSED",
      );
    }
  }, 60_000);

  it("a bad setting is one line without a stack, exit code 1", async () => {
    const run = await startServer({ DATABASE_URL: "mysql://root@127.0.0.1/x" });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("DATABASE_URL debe empezar con postgres://");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
