import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MantineStyles } from "../test/architecture/mantine-styles";

// test/architecture/mantine-styles.test.ts checks each screen imports Mantine's stylesheets after
// those they depend on; this checks the bundler kept that order once it split them into files: the
// stylesheets of a lazily loaded screen are linked in the order of its preload list, after the page's.

const DIST = path.resolve(import.meta.dirname, "../web/dist");
const ASSETS = path.join(DIST, "assets");
const mantine = new MantineStyles();

const linkedCss = (html: string) =>
  [
    ...fs
      .readFileSync(path.join(DIST, html), "utf8")
      .matchAll(/<link rel="stylesheet"[^>]*href="\/([^"]+)"/g),
  ].map((m) => m[1] ?? "");

/** The scripts a page loads, at once or lazily (web/dist keeps older builds' files beside them). */
function liveScripts(html: string): Set<string> {
  const page = fs.readFileSync(path.join(DIST, html), "utf8");
  const live = new Set<string>();
  const stack = [...page.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1] ?? "");
  for (let file = stack.pop(); file !== undefined; file = stack.pop()) {
    if (live.has(file)) continue;
    live.add(file);
    const code = fs.readFileSync(path.join(ASSETS, file), "utf8");
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) stack.push(m[1] ?? "");
    for (const m of code.matchAll(/"assets\/([^"]+\.js)"/g)) stack.push(m[1] ?? "");
  }
  return live;
}

/** Each lazy import's stylesheets, in the order the preload helper links them. */
function preloadLists(scripts: Set<string>): { from: string; css: string[] }[] {
  return [...scripts].flatMap((file) => {
    const code = fs.readFileSync(path.join(ASSETS, file), "utf8");
    const files = /m\.f=(\[[^\]]*\])/.exec(code)?.[1];
    if (!files) return [];
    const deps = JSON.parse(files) as string[];
    return [...code.matchAll(/__vite__mapDeps\(\[([\d,]*)\]\)/g)].map((m) => ({
      from: file,
      css: (m[1] ?? "")
        .split(",")
        .flatMap((i) => deps[Number(i)] ?? [])
        .filter((f) => f.endsWith(".css")),
    }));
  });
}

const classes = [...mantine.allSheets()].flatMap((sheet) => {
  const cls = mantine.classOf(sheet);
  return cls ? [[sheet, `.${cls}`] as const] : [];
});
const offsets = new Map<string, Map<string, number>>();

/** Where each Mantine stylesheet starts in a built CSS file. */
function sheetsIn(file: string): Map<string, number> {
  let known = offsets.get(file);
  if (!known) {
    const css = fs.readFileSync(path.join(DIST, file), "utf8");
    known = new Map(
      classes.flatMap(([sheet, cls]) => (css.includes(cls) ? [[sheet, css.indexOf(cls)]] : [])),
    );
    offsets.set(file, known);
  }
  return known;
}

/** Pairs of stylesheets the page holds in the wrong order, for a sequence of linked CSS files. */
function misordered(files: string[]): string[] {
  const where = new Map<string, number>();
  [...new Set(files)].forEach((file, i) => {
    for (const [sheet, at] of sheetsIn(file)) if (!where.has(sheet)) where.set(sheet, i * 1e9 + at);
  });
  return [...where].flatMap(([sheet, at]) =>
    [...mantine.dependenciesOf(sheet)]
      .filter((dep) => (where.get(dep) ?? -1) > at)
      .map((dep) => `${dep} after ${sheet}`),
  );
}

describe("Mantine's stylesheets in the build", () => {
  it("come after those they depend on, on every page and lazily loaded screen", () => {
    const wrong = ["index.html", "portal.html"].flatMap((html) => {
      const page = linkedCss(html);
      const lists = preloadLists(liveScripts(html));
      const lazy = lists.flatMap(({ from, css }) =>
        misordered([...page, ...css]).map((w) => `${from} → ${css.join(", ")}: ${w}`),
      );
      return [...misordered(page).map((w) => `${html}: ${w}`), ...lazy];
    });
    expect(preloadLists(liveScripts("index.html")).length).toBeGreaterThan(20);
    expect([...new Set(wrong)]).toEqual([]);
  });
});
