/**
 * How the staff app is cut into files, so a cold load of the queue (or of the intake after signing in)
 * fetches a handful of files at once instead of some forty small ones found one import at a time
 * (HTTP/1.1 opens six connections to a server: a seventh file, or the session check, waits for one):
 *
 * - `runtime`: the bundler's helpers, used by every entry (a small file of its own);
 * - `boot`: the staff entry (main.tsx, boot.ts), which starts the session check and the screen's data
 *   and chunks as soon as it arrives, without waiting for React or Mantine;
 * - `vendor`: what the client portal loads at start and the staff app loads for its start, its shell,
 *   the queue or the intake (React, Mantine's core and the pieces both use…);
 * - `app`: the rest of the staff app's start (login screen, router, i18n) with the signed-in shell and
 *   the queue, all preloaded by index.html (web/build/preload.ts): after signing in, or on a cold load
 *   of the queue, nothing more is fetched before the screen shows;
 * - `intake`: the intake screen beyond the shell;
 * - every other screen keeps the bundler's own chunks, loaded when opened.
 *
 * The groups are computed from the module graph (static imports) once it is built.
 */
import path from "node:path";
import type { Plugin } from "vite";
import { importGraph } from "./graph.js";

type Graph = Map<string, readonly string[]>;

const WEB_SRC = path.resolve(import.meta.dirname, "..", "src");
const at = (file: string) => path.join(WEB_SRC, file);

/** In the `app` file: the signed-in shell (with its leave-guard dialog) and the queue. */
const DESK_ROOTS = [
  "components/AppLayout.tsx",
  "components/LeaveGuardDialog.tsx",
  "pages/queue/QueuePage.tsx",
];
/** The `intake` file: the intake screen beyond the shell (its form's validation brings zod along). */
const INTAKE_ROOTS = ["pages/intake/IntakePage.tsx"];

/** Bundler helpers every entry imports (module preloading, the bundler's runtime). */
const RUNTIME = /vite[\\/]preload-helper|rolldown[\\/]runtime/;

function closure(graph: Graph, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = roots.filter((id) => graph.has(id));
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of graph.get(id) ?? []) stack.push(next);
  }
  return seen;
}

export interface ChunkGroups {
  plugin: Plugin;
  /** For `output.codeSplitting`. */
  options: {
    includeDependenciesRecursively: boolean;
    groups: { name: string; priority: number; test: (id: string) => boolean }[];
  };
}

export function chunkGroups(): ChunkGroups {
  let entry = new Set<string>();
  let portal = new Set<string>();
  let start = new Set<string>();
  let desk = new Set<string>();
  let intake = new Set<string>();
  const plugin: Plugin = {
    name: "mesa-chunk-groups",
    apply: "build",
    buildEnd() {
      const graph: Graph = importGraph(this.getModuleIds(), (id) => this.getModuleInfo(id));
      entry = closure(graph, [at("main.tsx")]);
      portal = closure(graph, [at("portal/main.tsx")]);
      start = closure(graph, [at("start.tsx")]);
      desk = closure(graph, DESK_ROOTS.map(at));
      intake = closure(graph, INTAKE_ROOTS.map(at));
    },
  };
  // Each set is closed under (barrel-resolved) imports, so the bundler need not pull captured modules'
  // imports in after them: its own pulling follows a barrel import to the whole library. A module in
  // two sets goes to the group of higher priority, the one every entry needing it loads anyway.
  // No group holds the portal's own modules: its entry would run (and render the portal) in the staff
  // app the moment a staff screen imported a module grouped with it.
  return {
    plugin,
    options: {
      includeDependenciesRecursively: false,
      groups: [
        { name: "runtime", priority: 8, test: (id) => RUNTIME.test(id) },
        { name: "boot", priority: 7, test: (id) => entry.has(id) && !portal.has(id) },
        {
          name: "vendor",
          priority: 6,
          test: (id) => portal.has(id) && (start.has(id) || desk.has(id) || intake.has(id)),
        },
        { name: "app", priority: 4, test: (id) => start.has(id) || desk.has(id) },
        { name: "intake", priority: 0, test: (id) => intake.has(id) },
      ],
    },
  };
}
