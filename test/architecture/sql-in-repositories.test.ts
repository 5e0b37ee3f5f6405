import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// ARCHITECTURE.md: a module's repository files are the only place its SQL lives (migrations and the
// platform's database code apart), so a reader finds every statement a feature runs in one place.

const SERVER = path.resolve(import.meta.dirname, "../../src/server");
const SQL = /\b(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql(<[^>]*>)?`/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [full] : [];
  });
}

describe("SQL", () => {
  it("lives only in repository files of the modules", () => {
    const offenders = sources(path.join(SERVER, "modules"))
      .filter((f) => !/repository[^/]*\.ts$/.test(path.basename(f)))
      .filter((f) => SQL.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(SERVER, f));
    expect(offenders).toEqual([]);
  });
});
