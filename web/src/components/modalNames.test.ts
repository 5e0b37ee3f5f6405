/**
 * Every dialog's ✕ has a name for screen readers: Mantine's close button is an unlabeled icon, so a
 * Modal without closeButtonProps' aria-label (or with no ✕ at all) is announced as «botón».
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const WEB_SRC = path.resolve(import.meta.dirname, "..");

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourcesUnder(full);
    return e.name.endsWith(".tsx") ? [full] : [];
  });
}

/** The props of each `<Modal …>` opening tag in a source (up to its first `>` outside braces). */
function modalTags(source: string): string[] {
  const tags: string[] = [];
  for (const match of source.matchAll(/<Modal[\s>]/g)) {
    let depth = 0;
    let end = match.index + 6;
    for (; end < source.length; end++) {
      const c = source[end];
      if (c === "{") depth++;
      else if (c === "}") depth--;
      else if (c === ">" && depth === 0) break;
    }
    tags.push(source.slice(match.index, end + 1));
  }
  return tags;
}

describe("dialogs", () => {
  const files = sourcesUnder(WEB_SRC);

  it("finds the app's dialogs (the scan reads the sources it should)", () => {
    const count = files.reduce((n, f) => n + modalTags(fs.readFileSync(f, "utf8")).length, 0);
    expect(count).toBeGreaterThan(10);
  });

  it("name their close button, or have none", () => {
    const unnamed = files.flatMap((f) =>
      modalTags(fs.readFileSync(f, "utf8"))
        .filter(
          (tag) =>
            !/closeButtonProps=\{\{[^}]*"aria-label"/.test(tag) && !/withCloseButton=\{false\}/.test(tag),
        )
        .map((tag) => `${path.relative(WEB_SRC, f)}: ${tag.split("\n")[0]}`),
    );
    expect(unnamed).toEqual([]);
  });
});
