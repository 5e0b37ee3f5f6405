import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../harness.js";

// Issue #11: each feature's routes are a plugin with its own URL prefix and relative paths. Moving
// paths into prefixes must not move a single URL: the full method + URL table is pinned here, taken
// from the code before the change (route-table.txt). Regenerate deliberately with
// MESA_WRITE_ROUTE_TABLE=1 when a route is added or removed on purpose.

const FIXTURE = path.join(import.meta.dirname, "route-table.txt");

/** Flattens `printRoutes({ commonPrefix: false })` (a tree of path segments) into sorted "METHOD /url" lines. */
function routeTable(printed: string): string[] {
  const stack: string[] = [];
  const lines: string[] = [];
  for (const raw of printed.split("\n")) {
    const m = /^([│ ]*)[├└]── (.*) \(([A-Z, ]+)\)$/.exec(raw);
    if (!m) continue;
    const depth = (m[1] ?? "").length / 4;
    const url = (stack[depth - 1] ?? "") + (m[2] ?? "");
    stack[depth] = url;
    stack.length = depth + 1;
    for (const method of (m[3] ?? "").split(", ")) lines.push(`${method} ${url}`);
  }
  return [...new Set(lines)].sort();
}

describe("the route table", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp("sqlite");
    await t.app.ready();
  });
  afterAll(async () => t?.close());

  it("keeps every method and URL byte-identical", () => {
    const table = routeTable(t.app.printRoutes({ commonPrefix: false }));
    if (process.env.MESA_WRITE_ROUTE_TABLE === "1") fs.writeFileSync(FIXTURE, `${table.join("\n")}\n`);
    expect(table.length).toBeGreaterThan(150);
    expect(table).toEqual(fs.readFileSync(FIXTURE, "utf8").trimEnd().split("\n"));
  });
});
