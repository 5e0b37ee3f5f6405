import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Mantine's NumberInput with allowDecimal={false} drops a typed point without a word: «1.5» became 15
// and was saved as fifteen (SLA targets, response times, credit days, billable minutes, backups). A
// whole-number field keeps the decimal as typed and its form refuses it beside the field instead.

const WEB_SRC = path.resolve(import.meta.dirname, "../../web/src");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** The code of a file without its comments' lines (those say why the prop is gone). */
const codeLines = (file: string) =>
  fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => !/^\s*(\/\/|\/?\*)/.test(line));

describe("number inputs", () => {
  it("no NumberInput drops a typed decimal point (allowDecimal false)", () => {
    const offenders = sources(WEB_SRC).flatMap((file) =>
      codeLines(file)
        .filter((line) => /allowDecimal(=\{|\s*:\s*)false/.test(line))
        .map((line) => `${path.relative(WEB_SRC, file)}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
