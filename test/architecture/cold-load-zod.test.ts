import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { staticImports } from "./mantine-styles";
import { ENTRIES, evaluation, SHELL, WEB_SRC, webModules } from "./web-modules";

/**
 * zod (and the contract's schemas, built when their module runs) stays out of the files a cold load of
 * the queue fetches: only screens with forms load it (web/src/contract.ts). One value imported from a
 * contract module that defines schemas brings all of them along: SEARCH_WALK_BUDGET read from
 * src/contract/tickets.ts put some 29 KB (gzip) more in the `app` file every cold load preloads.
 */
const COLD = [
  ...ENTRIES,
  path.join(WEB_SRC, "start.tsx"),
  SHELL,
  path.join(WEB_SRC, "pages/queue/QueuePage.tsx"),
];

const importsZod = (file: string) =>
  staticImports(fs.readFileSync(file, "utf8"), "tsx").some(
    (i) => i.source === "zod" || i.source.startsWith("zod/"),
  );

describe("a cold load of the staff app or the portal", () => {
  const graph = webModules();

  it.each(COLD.map((f) => [path.relative(WEB_SRC, f), f]))(
    "%s runs no module that imports zod",
    (_, root) => {
      const modules = evaluation(graph, root).modules;
      expect(modules.length).toBeGreaterThan(1);
      expect(modules.filter(importsZod).map((f) => path.relative(WEB_SRC, f))).toEqual([]);
    },
  );
});
