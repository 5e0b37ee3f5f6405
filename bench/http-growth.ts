/**
 * Does a queue page cost more when the table is ten times larger? Issue #16: «at 1,000,000 tickets no
 * more than 1.5× the 100,000 figure». Two runs of bench/http.ts cannot say it on a machine whose speed
 * drifts: on 6 December the same page cost 1,748 µs at a million tickets and then 2,114 µs at 100,000,
 * a minute apart. So this bench seeds both sizes, runs one Mesa on each, and measures each read on both
 * back to back, round after round, the two taking turns to go first: drift hits both sizes alike and
 * cancels out of the ratio.
 *
 *   npx tsx bench/http-growth.ts                       # SQLite (npm run bench -- http-growth)
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/http-growth.ts
 *
 * Knobs: BENCH_GROWTH_SIZES=100000,1000000 (small,large; other sizes save nothing), BENCH_ONLY (reads;
 * saves nothing), BENCH_SECONDS, BENCH_ROUNDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS as in http.ts.
 * Results: Markdown on stdout and bench/results/http-growth[-pg].json.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { mesaStats, nextMessage, removeSeeded, seedData, spawnChild, stopChild } from "./http-children.js";
import { formatGrowthBench, judgeGrowth } from "./http-growth-report.js";
import {
  load,
  loadAvg,
  loadSummary,
  measuredRound,
  ROUNDS,
  runShape,
  type Samples,
  summarizeRounds,
  WARMUP_SECONDS,
} from "./http-load.js";
import { createBodies, httpScenarios, type Scenario } from "./http-scenarios.js";
import type { MesaReady, Seeded } from "./http-servers.js";

const DEFAULT_SIZES = [100_000, 1_000_000] as const;

function sizes(): [number, number] {
  const asked = process.env.BENCH_GROWTH_SIZES?.split(",").map(Number);
  if (!asked) return [...DEFAULT_SIZES];
  if (asked.length !== 2 || !asked.every((n) => Number.isSafeInteger(n) && n > 0) || asked[0]! >= asked[1]!)
    throw new Error("BENCH_GROWTH_SIZES is two ticket counts, the smaller first: 100000,1000000");
  return [asked[0]!, asked[1]!];
}

export const growthResultsName = () => `http-growth${process.env.BENCH_PG_URL ? "-pg" : ""}`;

/** The reads of bench/http-scenarios.ts against one Mesa, signed in with its token. */
function readsOf(ready: MesaReady, mesa: ChildProcess): Scenario[] {
  const base = `http://127.0.0.1:${ready.port}`;
  const only = process.env.BENCH_ONLY?.split(",");
  return httpScenarios({
    base,
    barePort: 0,
    ready,
    mesa,
    bare: mesa,
    createBody: createBodies(ready.clients),
  })
    .filter((s) => s.method === "GET" && (!only || only.includes(s.key)))
    .map((s) => ({ ...s, token: ready.token }));
}

/**
 * Every read on both servers: a warm-up pass over all of them on each, then ROUNDS rounds in which
 * each read is measured on one size and right after on the other, the first size alternating.
 */
async function measureSideBySide(reads: [Scenario[], Scenario[]], loads: string[]): Promise<Samples[][][]> {
  for (const side of reads) for (const s of side) await load(s, WARMUP_SECONDS);
  const samples = reads.map((side) => side.map(() => [] as Samples[]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < reads[0].length; i++) {
      // Which size goes first alternates by round and by read, so neither is always first.
      for (const side of (round + i) % 2 === 0 ? [0, 1] : [1, 0]) {
        const s = reads[side]![i]!;
        const name = `${s.key}-${side ? "large" : "small"}-${round + 1}`;
        samples[side]![i]!.push(await measuredRound(s, name, loads));
      }
    }
  }
  return samples;
}

/** One size's figures, each key prefixed with `small.` or `large.`. */
function sizeFigures(prefix: string, reads: Scenario[], samples: Samples[][], facts: Record<string, number>) {
  const out: Record<string, number | string> = { ...facts };
  for (const [i, s] of reads.entries()) summarizeRounds(s.key, samples[i]!, out);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [`${prefix}.${k}`, v]));
}

export async function runHttpGrowthBench(): Promise<Record<string, number | string>> {
  const started = performance.now();
  const [small, large] = sizes();
  const seeded: Seeded[] = [];
  const servers: ChildProcess[] = [];
  try {
    // One seeding after the other: each has the machine to itself, as the measured servers later do.
    for (const n of [small, large]) seeded.push(await seedData(n));
    for (const s of seeded) servers.push(spawnChild("mesa", { BENCH_SEEDED: JSON.stringify(s) }));
    const ready = await Promise.all(servers.map((m) => nextMessage<MesaReady>(m, "ready")));
    const reads: [Scenario[], Scenario[]] = [
      readsOf(ready[0]!, servers[0]!),
      readsOf(ready[1]!, servers[1]!),
    ];
    const loads: string[] = [];
    const samples = await measureSideBySide(reads, loads);
    loads.push(loadAvg());
    const stats = await Promise.all(servers.map(mesaStats));
    const facts = (i: number) => ({
      rareWordMatches: ready[i]!.rareMatches,
      seedSeconds: ready[i]!.seedSeconds,
      rssAtStartMb: ready[i]!.rssAtStartMb,
      rssAfterRunMb: stats[i]!.rssMb,
    });
    const out: Record<string, number | string> = {
      ...runShape(),
      smallTickets: ready[0]!.tickets,
      largeTickets: ready[1]!.tickets,
      ...sizeFigures("small", reads[0], samples[0]!, facts(0)),
      ...sizeFigures("large", reads[1], samples[1]!, facts(1)),
      // One reading per measured round: the list would outgrow the table.
      loadAverage1m: loadSummary(loads),
    };
    judgeGrowth(out);
    out.totalSeconds = Math.round((performance.now() - started) / 100) / 10;
    const defaults = small === DEFAULT_SIZES[0] && large === DEFAULT_SIZES[1];
    if (process.env.BENCH_ONLY || !defaults) out.partial = "yes";
    return out;
  } finally {
    await Promise.all(servers.map(stopChild));
    for (const s of seeded) await removeSeeded(s);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const results = await runHttpGrowthBench();
  console.log(formatGrowthBench(results));
  const file = path.join(import.meta.dirname, "results", `${growthResultsName()}.json`);
  if (!results.partial) fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `\n(total ${results.totalSeconds} s; ${results.partial ? "a partial run: nothing saved" : `JSON in ${path.relative(process.cwd(), file)}`})`,
  );
}
