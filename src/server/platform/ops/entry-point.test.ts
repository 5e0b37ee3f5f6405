import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { isEntryPoint } from "./entry-point.js";

describe("a script started through the dist symlink", () => {
  const argv = process.argv[1];
  afterEach(() => {
    process.argv[1] = argv as string;
  });

  it("is recognised as the entry point (node loads it by its real path)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-entry-"));
    fs.mkdirSync(path.join(dir, "build"));
    const real = path.join(dir, "build", "catcher.js");
    fs.writeFileSync(real, "");
    fs.symlinkSync(path.join(dir, "build"), path.join(dir, "dist"));
    process.argv[1] = path.join(dir, "dist", "catcher.js");
    expect(isEntryPoint(pathToFileURL(fs.realpathSync(real)).href)).toBe(true);
    expect(isEntryPoint(pathToFileURL(path.join(dir, "build", "other.js")).href)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
