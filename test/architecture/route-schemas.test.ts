import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Issue #11: every route's request and response schemas live in src/contract (named, exported, and
// imported by the web app), never declared inline in a module's route file.

const ROOT = path.resolve(import.meta.dirname, "../..");
const MODULES = path.join(ROOT, "src/server/modules");

/** Route files by another name (portal/survey-link.ts, portal/service-order.ts) are checked too. */
const declaresRoutes = (file: string) =>
  file.endsWith(".ts") &&
  /featureRoutes\(|withTypeProvider<ZodTypeProvider>\(\)/.test(fs.readFileSync(file, "utf8"));

function routeFiles(): string[] {
  const files = [path.join(ROOT, "src/server/platform/http/routes-health.ts")];
  for (const feature of fs.readdirSync(MODULES)) {
    const dir = path.join(MODULES, feature);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir)) {
      const full = path.join(dir, file);
      if (file === "routes.ts" || file.endsWith("-routes.ts") || declaresRoutes(full)) files.push(full);
    }
  }
  return files;
}

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
