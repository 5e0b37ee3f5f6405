import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Issue #11 item 1: each feature module's policy.ts is where it decides who may do what; use cases
// and routes call its named checks, never authz's generic role checks directly.

const MODULES = path.resolve(import.meta.dirname, "../../src/server/modules");

function moduleFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return moduleFiles(full);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [full] : [];
  });
}

describe("policies", () => {
  it("only a module's policy.ts calls requireRole or requireStaff", () => {
    const offenders = moduleFiles(MODULES)
      .filter((f) => path.basename(f) !== "policy.ts")
      .filter((f) => /\brequire(Role|Staff)\(/.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(MODULES, f));
    expect(offenders).toEqual([]);
  });

  it("every module whose use cases refuse by role has a policy.ts", () => {
    const withoutPolicy = fs
      .readdirSync(MODULES)
      .filter((m) => !fs.existsSync(path.join(MODULES, m, "policy.ts")))
      .filter((m) =>
        moduleFiles(path.join(MODULES, m)).some((f) => /\bforbidden\(/.test(fs.readFileSync(f, "utf8"))),
      );
    expect(withoutPolicy).toEqual([]);
  });
});
