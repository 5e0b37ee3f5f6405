/**
 * HTTP benchmark: ticket create, queue pages and search over HTTP, next to a bare Fastify route doing
 * one prepared INSERT per request into a table built by Mesa's migrations (the ceiling).
 *
 *   npx tsx bench/http.ts                                      # SQLite, 100,000 tickets
 *   BENCH_TICKETS=1000000 npx tsx bench/http.ts                # SQLite, a million
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/http.ts   # PostgreSQL
 *
 * Separate processes so the load generator never shares an event loop with a server: this one runs
 * autocannon (loopback only); bench/http-servers.ts seeds the data in one process (not measured), then
 * runs Mesa on it in a fresh one, and the bare route in a third.
 * The server is first warmed on every read scenario; then BENCH_ROUNDS (default 3) passes over the reads,
 * each scenario getting a short warm-up of its own and BENCH_SECONDS (default 10) of measured load per
 * pass. The creates and the bare insert run after them, interleaved, two rounds of half that each.
 * Results: Markdown table on stdout and bench/results/http[-pg][-<tickets>].json.
 *
 * Knobs (for quick runs only; the README figures use the defaults):
 *   BENCH_SECONDS=10 BENCH_ROUNDS=3 BENCH_TICKETS=100000 BENCH_CONNECTIONS=20 BENCH_WARMUP_SECONDS=2
 * For profiling: BENCH_ONLY=create,listQ (scenario keys; such a run is partial and saves nothing),
 * BENCH_KEEP_DATA=1 (keep Mesa's database), BENCH_PROFILE_DIR=/tmp/prof (a .cpuprofile of Mesa per
 * measured scenario), BENCH_EXPERIMENTS=no-touch (what-if patches, see http-servers.ts),
 * BENCH_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (extra node flags for the seeding
 * process and both servers).
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { mesaStats, nextMessage, removeSeeded, seedData, spawnChild, stopChild } from "./http-children.js";
import {
  emptySamples,
  load,
  loadAvg,
  measuredRound,
  profile,
  ROUNDS,
  runShape,
  type Samples,
  SECONDS,
  summarize,
  summarizeRounds,
  WARMUP_SECONDS,
} from "./http-load.js";
import { formatHttpBench } from "./http-report.js";
import { createBodies, floorScenarios, httpScenarios, type Scenario } from "./http-scenarios.js";
import type { MesaReady } from "./http-servers.js";
import { judgeTargets } from "./http-targets.js";

const SELF = fileURLToPath(import.meta.url);
/**
 * The README's main table is SQLite at 100,000 tickets (http.json); PostgreSQL and other sizes keep
 * their own file (http-pg.json, http-1000000.json, http-pg-1000000.json).
 */
export const httpResultsName = (tickets = Number(process.env.BENCH_TICKETS)) => {
  const size = Number.isFinite(tickets) && tickets > 0 && tickets !== 100_000 ? `-${tickets}` : "";
  return `http${process.env.BENCH_PG_URL ? "-pg" : ""}${size}`;
};
const RESULTS_FILE = path.join(path.dirname(SELF), "results", `${httpResultsName()}.json`);

/**
 * The read scenarios: a served app has answered every kind of page before, so one warm-up pass over all
 * of them comes first (with only its own 2 s warm-up, the queue page measured first cost 1,164–2,004 µs
 * against 941 after 6 s: it paid for the JIT and the young generation's growth). Then ROUNDS passes,
 * each scenario measured once per pass: a burst of load from elsewhere on the machine hits one round of
 * a scenario, not all of it. Each CPU figure per request is the rounds' median (the server's rounds are
 * kept beside it); latencies and bytes merge across the rounds.
 */
async function measureReads(reads: Scenario[], out: Record<string, number | string>, loads: string[]) {
  for (const s of reads) await load(s, WARMUP_SECONDS);
  const rounds = new Map(reads.map((s) => [s.key, [] as Samples[]]));
  for (let round = 0; round < ROUNDS; round++)
    for (const s of reads) rounds.get(s.key)!.push(await measuredRound(s, `${s.key}-${round + 1}`, loads));
  for (const s of reads) summarizeRounds(s.key, rounds.get(s.key)!, out);
}

/**
 * The create and the bare insert: their ratio is what matters, so they are interleaved (two rounds of
 * half a scenario's seconds each) for background load on the machine to hit both alike, and each
 * one's rounds merge before the percentiles.
 */
async function measureInserts(
  inserts: Scenario[],
  mesa: ChildProcess,
  out: Record<string, number | string>,
  loads: string[],
): Promise<void> {
  for (const s of inserts) await load(s, WARMUP_SECONDS);
  const samples = new Map(inserts.map((s) => [s.key, emptySamples()]));
  for (let round = 0; round < 2; round++) {
    for (const s of inserts) {
      loads.push(loadAvg());
      if (s.server === mesa) await profile(mesa, "start");
      await load(s, SECONDS / 2, samples.get(s.key));
      if (s.server === mesa) await profile(mesa, "stop", `${s.key}-${round + 1}`);
    }
  }
  for (const s of inserts) summarize(s.key, samples.get(s.key)!, out);
}

export async function runHttpBench(): Promise<Record<string, number | string>> {
  const started = performance.now();
  // The data is seeded by a process of its own, which exits; the Mesa measured starts on it afresh.
  const seeded = await seedData();
  // Where the data is goes in the environment: a message sent before the child listens is lost.
  const mesa = spawnChild("mesa", { BENCH_SEEDED: JSON.stringify(seeded) });
  const bare = spawnChild("bare");
  try {
    const ready = await nextMessage<MesaReady>(mesa, "ready");
    // The bare table references the same clients and contacts the creates name; the page's floor
    // reads the data Mesa serves.
    const bareStarted = nextMessage<{ port: number }>(bare, "ready");
    bare.send({
      type: "setup",
      clients: ready.clients,
      seeded: { dataDir: seeded.dataDir, pgUrl: seeded.pgUrl },
    });
    const bareReady = await bareStarted;
    const scenarios = [
      ...httpScenarios({
        base: `http://127.0.0.1:${ready.port}`,
        barePort: bareReady.port,
        ready,
        mesa,
        bare,
        createBody: createBodies(ready.clients),
      }),
      ...floorScenarios(bareReady.port, bare),
    ];
    const out: Record<string, number | string> = {
      ...runShape(),
      tickets: ready.tickets,
      rareWordMatches: ready.rareMatches,
      seedSeconds: ready.seedSeconds,
      seedPhases: ready.seedPhases,
      rssAtStartMb: ready.rssAtStartMb,
    };
    const only = process.env.BENCH_ONLY?.split(",");
    if (only) scenarios.splice(0, scenarios.length, ...scenarios.filter((x) => only.includes(x.key)));
    const withToken = (s: Scenario) => ({ ...s, token: s.server === bare ? undefined : ready.token });
    const loads: string[] = [];
    await measureReads(scenarios.filter((x) => x.method === "GET").map(withToken), out, loads);
    await measureInserts(scenarios.filter((x) => x.method === "POST").map(withToken), mesa, out, loads);
    loads.push(loadAvg());
    out.loadAverage1m = loads.join(" ");
    const stats = await mesaStats(mesa);
    out.rssAfterRunMb = stats.rssMb;
    out.ticketsAfterRun = stats.tickets;
    judgeTargets(
      out,
      scenarios.map((x) => x.key),
      (out.tickets as number) > 100_000 ? savedBaseRun() : null,
    );
    out.totalSeconds = Math.round((performance.now() - started) / 100) / 10;
    if (only) out.partial = "yes";
    // A partial run (profiling) must not overwrite the committed figures.
    if (!only) {
      fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
      fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(out, null, 2)}\n`);
    }
    return out;
  } finally {
    await Promise.all([stopChild(mesa), stopChild(bare)]);
    await removeSeeded(seeded);
  }
}

/** The saved run at 100,000 tickets on this run's database (http.json or http-pg.json), if any. */
function savedBaseRun() {
  const base = path.join(path.dirname(SELF), "results", `${httpResultsName(100_000)}.json`);
  return fs.existsSync(base) ? JSON.parse(fs.readFileSync(base, "utf8")) : null;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const results = await runHttpBench();
  console.log(formatHttpBench(results));
  const saved = results.partial
    ? "a partial run: nothing saved"
    : `JSON in ${path.relative(process.cwd(), RESULTS_FILE)}`;
  console.log(`\n(total ${results.totalSeconds} s; ${saved})`);
}
