import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Issue #11: every route's request and response schemas live in src/contract (named, exported, and
// imported by the web app), never declared inline in a module's route file.

const ROOT = path.resolve(import.meta.dirname, "../..");
const MODULES = path.join(ROOT, "src/server/modules");

function routeFiles(): string[] {
  const files = [path.join(ROOT, "src/server/platform/http/routes-health.ts")];
  for (const feature of fs.readdirSync(MODULES)) {
    const dir = path.join(MODULES, feature);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir)) {
      if (NOT_YET_MOVED.includes(`${feature}/${file}`)) continue;
      if (file === "routes.ts" || file.endsWith("-routes.ts")) files.push(path.join(dir, file));
    }
  }
  return files;
}

/** Modules merged with inline schemas, not yet moved to src/contract (issue #11 follow-up): no new ones. */
const NOT_YET_MOVED = ["billing/routes.ts", "credit/routes.ts", "warranty/routes.ts"];

const INLINE = /\bz\s*\.\s*(object|strictObject|looseObject|array|enum|union|record)\s*\(/;

describe("route files declare no schemas of their own", () => {
  it("finds the route files", () => {
    expect(routeFiles().length).toBeGreaterThan(8);
  });

  it("has no inline zod object, array or enum in any route file", () => {
    const offenders = routeFiles().flatMap((file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => ({ line, at: `${path.relative(ROOT, file)}:${i + 1}` }))
        .filter(({ line }) => INLINE.test(line))
        .map(({ at, line }) => `${at} ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
