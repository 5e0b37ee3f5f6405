import path from "node:path";
import { describe, expect, it } from "vitest";
import { MantineStyles } from "./mantine-styles";
import { ENTRIES, type Screen, SHELL, WEB_SRC, WebScreens } from "./web-modules";

// The web app imports Mantine's stylesheets per component, not the whole of them: a screen's CSS
// travels in its own chunk, so the queue's first paint does not wait for every screen's styles. Each
// screen (an entry, or a module loaded lazily) must import the stylesheets of the Mantine components
// its modules use, with their dependencies first, unless the screens it renders inside already have.

const app = new WebScreens();
const mantine = new MantineStyles();
const rel = (file: string) => path.relative(WEB_SRC, file);
const QUEUE = path.join(WEB_SRC, "pages/queue/QueuePage.tsx");

/** The stylesheets the Mantine names a screen's modules import need, with their dependencies. */
function needsOf(s: Screen): Set<string> {
  const names = new Set(s.modules.flatMap((file) => app.graph.get(file)?.mantine ?? []));
  const direct = [...names].flatMap((n) => {
    const [pkg, name] = n.split(":") as ["core", string];
    if (name === "*")
      throw new Error(`import @mantine/${pkg}'s components by name, for this test to see them`);
    return [...mantine.needs(pkg, name)];
  });
  return new Set(direct.flatMap((sheet) => [sheet, ...mantine.dependenciesOf(sheet)]));
}

describe("Mantine's stylesheets", () => {
  it("are imported per component, layered (so the app's own styles win whatever order chunks load in)", () => {
    const known = mantine.allSheets();
    const strays = [...app.graph].flatMap(([file, m]) =>
      m.steps.flatMap((s) => ("sheet" in s && !known.has(s.sheet) ? [`${rel(file)}: ${s.sheet}`] : [])),
    );
    expect(strays).toEqual([]);
  });

  it("of every component a screen uses are in the page when it renders", () => {
    const missing = app.roots.flatMap((root) => {
      const s = app.screen(root);
      const present = new Set([...s.loadedSheets, ...s.sheets]);
      return [...needsOf(s)].filter((sheet) => !present.has(sheet)).map((sheet) => `${rel(root)}: ${sheet}`);
    });
    expect(missing).toEqual([]);
  });

  it("come after the stylesheets they depend on", () => {
    const misplaced = app.roots.flatMap((root) => {
      const s = app.screen(root);
      return s.sheets.flatMap((sheet, i) => {
        const before = new Set([...s.loadedSheets, ...s.sheets.slice(0, i)]);
        const late = [...mantine.dependenciesOf(sheet)].filter((d) => !before.has(d));
        return late.map((d) => `${rel(root)}: ${d} before ${sheet}`);
      });
    });
    expect(misplaced).toEqual([]);
  });

  it("are only imported where a screen, or one rendered inside it, uses them", () => {
    const below = (root: string): string[] => {
      const children = app.roots.filter((r) => !ENTRIES.includes(r) && app.parentsOf(r).includes(root));
      return [...needsOf(app.screen(root)), ...children.flatMap(below)];
    };
    const unused = app.roots.flatMap((root) => {
      const wanted = new Set(below(root));
      return app
        .screen(root)
        .sheets.filter((sheet) => !wanted.has(sheet))
        .map((sheet) => `${rel(root)}: ${sheet}`);
    });
    expect(unused).toEqual([]);
  });

  it("are found: the scan sees the screens and what the queue needs", () => {
    expect(app.roots.length).toBeGreaterThan(30);
    expect(app.screen(QUEUE).loaded.has(SHELL)).toBe(true);
    expect(needsOf(app.screen(QUEUE))).toContain("@mantine/core/styles/Table.layer.css");
  });
});
