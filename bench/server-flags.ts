import fs from "node:fs";
import path from "node:path";

/**
 * The Node flags `npm start` runs the server with, read from package.json's start script (the one
 * place they are written: V8 reads them before any code runs, so the server cannot set them itself).
 * bench/http.ts starts both of its servers with them, so its figures are the served app's.
 *
 * --max-semi-space-size=64: V8's young generation may grow to 64 MB per half instead of 16. A queue
 * page on PostgreSQL allocates a string per column of each of its 50 rows and drops them all once the
 * answer is written; with the default, many outlived a scavenge and were copied (GC was 12 % of the
 * CPU). Measured on 5 December 2026 at 100,000 tickets, alternate runs: PostgreSQL pages 1,001–1,078
 * → 796–859 µs of CPU, p99 41–50 → 30–35 ms; on SQLite pages and creates 2–7 % less. The cost is
 * memory under load: RSS after the run 209 → 348 MB. Node 24 already starts at 64 MB semi-spaces on a
 * machine with this much memory (V8 sizes them by it), so there the flag changes nothing; Node 20 needs it.
 */
export function serverNodeFlags(root = path.resolve(import.meta.dirname, "..")): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const start: string = pkg.scripts.start;
  const words = start.split(/\s+/);
  const script = words.indexOf("scripts/start.mjs");
  if (words[0] !== "exec" || words[1] !== "node" || script < 0)
    throw new Error(`package.json start is not «exec node [flags] scripts/start.mjs»: ${start}`);
  return words.slice(2, script);
}
