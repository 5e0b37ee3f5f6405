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
import { type ChildProcess, fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { dropPgDatabase } from "./http-child.js";
import { formatHttpBench } from "./http-report.js";
import { createBodies, httpScenarios, type Scenario } from "./http-scenarios.js";
import type { MesaReady, Seeded } from "./http-servers.js";
import { judgeTargets, median } from "./http-targets.js";
import { serverNodeFlags } from "./server-flags.js";

const SELF = fileURLToPath(import.meta.url);
const SERVERS = path.join(path.dirname(SELF), "http-servers.ts");
/**
 * The README's main table is SQLite at 100,000 tickets (http.json); PostgreSQL and other sizes keep
 * their own file (http-pg.json, http-1000000.json, http-pg-1000000.json).
 */
export const httpResultsName = (tickets = Number(process.env.BENCH_TICKETS)) => {
  const size = Number.isFinite(tickets) && tickets > 0 && tickets !== 100_000 ? `-${tickets}` : "";
  return `http${process.env.BENCH_PG_URL ? "-pg" : ""}${size}`;
};
const RESULTS_FILE = path.join(path.dirname(SELF), "results", `${httpResultsName()}.json`);

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const SECONDS = env("BENCH_SECONDS", 10);
const WARMUP_SECONDS = env("BENCH_WARMUP_SECONDS", 2);
const CONNECTIONS = env("BENCH_CONNECTIONS", 20);
const ROUNDS = Math.max(1, Math.round(env("BENCH_ROUNDS", 3)));

// ---------------------------------------------------------------------------------------------
// Parent: load generation and report
// ---------------------------------------------------------------------------------------------

/** The servers' Node flags: `npm start`'s, then BENCH_CHILD_NODE_ARGS (which may override one). */
const childNodeFlags = () => [
  ...serverNodeFlags(),
  ...(process.env.BENCH_CHILD_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
];

/** A child of bench/http-servers.ts; `env` reaches it before any of its code runs (unlike a message). */
function spawnChild(role: "seed" | "mesa" | "bare", env: Record<string, string> = {}): ChildProcess {
  return fork(SERVERS, [`--role=${role}`], {
    execArgv: ["--import", "tsx", ...childNodeFlags()],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, DATABASE_URL: "", ...env },
  });
}

function nextMessage<T>(child: ChildProcess | NodeJS.Process, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: { type: string }) => {
      if (msg.type !== type) return;
      cleanup();
      resolve(msg as T);
    };
    // "close", not "exit": a child that sends and then exits may be heard exiting before its message.
    const onClose = (code: number | null) => {
      cleanup();
      reject(new Error(`child exited (${code}) before sending ${type}`));
    };
    const cleanup = () => {
      child.off("message", onMessage);
      child.off("close", onClose);
    };
    child.on("message", onMessage);
    child.on("close", onClose);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.send({ type: "exit" });
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

/** Raw samples of one or more rounds of one scenario; rounds are merged before the percentiles. */
interface Samples {
  latencies: number[];
  seconds: number;
  serverCpuMs: number;
  /** Of serverCpuMs, the kernel's part. */
  serverSystemMs: number;
  /** CPU of this machine's PostgreSQL processes meanwhile (ms; 0 on SQLite). */
  postgresCpuMs: number;
  errors: number;
  non2xx: number;
  /** Bytes of the 2xx answers, headers included (autocannon's throughput). */
  bytes: number;
}

const emptySamples = (): Samples => ({
  latencies: [],
  seconds: 0,
  serverCpuMs: 0,
  serverSystemMs: 0,
  postgresCpuMs: 0,
  errors: 0,
  non2xx: 0,
  bytes: 0,
});

/** Runs one round and appends every response time (ms) to `into`. */
async function load(s: Scenario, seconds: number, into: Samples = emptySamples()): Promise<Samples> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (s.token) headers.authorization = `Bearer ${s.token}`;
  const cpu0 = await serverCpuMs(s.server);
  const pg0 = postgresCpuMs();
  const t0 = performance.now();
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance: autocannon.Instance = autocannon(
      {
        url: s.url,
        connections: CONNECTIONS,
        duration: seconds,
        method: s.method,
        headers,
        requests: [
          {
            method: s.method,
            ...(s.body ? { setupRequest: (req: any) => ({ ...req, body: s.body!() }) } : {}),
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) into.latencies.push(ms);
      else into.non2xx++;
    });
  });
  into.seconds += (performance.now() - t0) / 1000;
  const cpu1 = await serverCpuMs(s.server);
  into.serverCpuMs += cpu1.ms - cpu0.ms;
  into.serverSystemMs += cpu1.systemMs - cpu0.systemMs;
  into.postgresCpuMs += postgresCpuMs() - pg0;
  into.errors += r.errors + r.timeouts;
  into.bytes += r.throughput.total;
  return into;
}

const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;

async function profile(server: ChildProcess, action: "start" | "stop", name = ""): Promise<void> {
  if (!PROFILE_DIR) return;
  const done = nextMessage(server, "profiled");
  server.send({ type: "profile", action, file: path.resolve(PROFILE_DIR, `${name}.cpuprofile`) });
  await done;
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/**
 * CPU time (user + system, ms) used so far by this machine's PostgreSQL processes, from /proc: with
 * BENCH_PG_URL on this machine, what the database did for the requests (the server, the load
 * generator and PostgreSQL share its cores). 0 without BENCH_PG_URL or /proc.
 */
function postgresCpuMs(): number {
  if (!process.env.BENCH_PG_URL) return 0;
  let ticks = 0;
  for (const pid of fs.existsSync("/proc") ? fs.readdirSync("/proc") : []) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      if (!stat.slice(stat.indexOf("(") + 1, close).startsWith("postgres")) continue;
      const fields = stat.slice(close + 2).split(" ");
      // utime, stime, and cutime, cstime (its ended children: parallel workers, closed backends).
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return (ticks * 1000) / USER_HZ;
}

async function serverCpuMs(server: ChildProcess): Promise<{ ms: number; systemMs: number }> {
  const answer = nextMessage<{ ms: number; systemMs: number }>(server, "cpu");
  server.send({ type: "cpu" });
  return await answer;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)]! * 100) / 100;
}

const answeredOf = (m: Samples) => Math.max(1, m.latencies.length + m.non2xx);
const cpuUsPerRequest = (m: Samples) => Math.round((m.serverCpuMs * 1000) / answeredOf(m));

function mergeSamples(into: Samples, m: Samples): void {
  for (const ms of m.latencies) into.latencies.push(ms);
  into.seconds += m.seconds;
  into.serverCpuMs += m.serverCpuMs;
  into.serverSystemMs += m.serverSystemMs;
  into.postgresCpuMs += m.postgresCpuMs;
  into.errors += m.errors;
  into.non2xx += m.non2xx;
  into.bytes += m.bytes;
}

function summarize(key: string, m: Samples, out: Record<string, number | string>): void {
  const sorted = Float64Array.from(m.latencies).sort();
  const arr = Array.from(sorted);
  out[`${key}Rps`] = Math.round(m.latencies.length / m.seconds);
  out[`${key}P50Ms`] = percentile(arr, 50);
  out[`${key}P99Ms`] = percentile(arr, 99);
  out[`${key}Requests`] = m.latencies.length;
  const answered = answeredOf(m);
  out[`${key}ServerCpuUsPerReq`] = cpuUsPerRequest(m);
  out[`${key}ServerSystemUsPerReq`] = Math.round((m.serverSystemMs * 1000) / answered);
  if (process.env.BENCH_PG_URL)
    out[`${key}PostgresCpuUsPerReq`] = Math.round((m.postgresCpuMs * 1000) / answered);
  // autocannon counts the bytes of 2xx answers only.
  out[`${key}BytesPerResponse`] = Math.round(m.bytes / Math.max(1, m.latencies.length));
  out[`${key}Non2xx`] = m.non2xx;
  out[`${key}Errors`] = m.errors;
}

/**
 * The read scenarios: a served app has answered every kind of page before, so one warm-up pass over all
 * of them comes first (with only its own 2 s warm-up, the queue page measured first cost 1,164–2,004 µs
 * against 941 after 6 s: it paid for the JIT and the young generation's growth). Then ROUNDS passes,
 * each scenario measured once per pass: a burst of load from elsewhere on the machine hits one round of
 * a scenario, not all of it. Each CPU figure per request is the rounds' median (the server's rounds are
 * kept beside it); latencies and bytes merge across the rounds.
 */
async function measureReads(
  reads: Scenario[],
  mesa: ChildProcess,
  out: Record<string, number | string>,
  loads: string[],
): Promise<void> {
  for (const s of reads) await load(s, WARMUP_SECONDS);
  const merged = new Map(reads.map((s) => [s.key, emptySamples()]));
  const rounds = new Map(reads.map((s) => [s.key, [] as Samples[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of reads) {
      await load(s, WARMUP_SECONDS);
      loads.push(loadAvg());
      await profile(mesa, "start");
      const measured = await load(s, SECONDS);
      await profile(mesa, "stop", `${s.key}-${round + 1}`);
      rounds.get(s.key)!.push(measured);
      mergeSamples(merged.get(s.key)!, measured);
    }
  }
  for (const s of reads) {
    summarize(s.key, merged.get(s.key)!, out);
    const each = rounds.get(s.key)!;
    const perRequest = (ms: (m: Samples) => number) =>
      median(each.map((m) => Math.round((ms(m) * 1000) / answeredOf(m))));
    out[`${s.key}ServerCpuUsPerReq`] = perRequest((m) => m.serverCpuMs);
    out[`${s.key}ServerSystemUsPerReq`] = perRequest((m) => m.serverSystemMs);
    if (process.env.BENCH_PG_URL) out[`${s.key}PostgresCpuUsPerReq`] = perRequest((m) => m.postgresCpuMs);
    out[`${s.key}ServerCpuUsPerReqRounds`] = each.map(cpuUsPerRequest).join(" ");
  }
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

const loadAvg = () => os.loadavg()[0]!.toFixed(2);

export async function runHttpBench(): Promise<Record<string, number | string>> {
  const started = performance.now();
  // The data is seeded by a process of its own, which exits; the Mesa measured starts on it afresh.
  const seeder = spawnChild("seed");
  const seeded = await nextMessage<Seeded>(seeder, "seeded");
  // Where the data is goes in the environment: a message sent before the child listens is lost.
  const mesa = spawnChild("mesa", { BENCH_SEEDED: JSON.stringify(seeded) });
  const bare = spawnChild("bare");
  try {
    const ready = await nextMessage<MesaReady>(mesa, "ready");
    // The bare table references the same clients and contacts the creates name.
    const bareStarted = nextMessage<{ port: number }>(bare, "ready");
    bare.send({ type: "clients", clients: ready.clients });
    const bareReady = await bareStarted;
    const scenarios = httpScenarios({
      base: `http://127.0.0.1:${ready.port}`,
      barePort: bareReady.port,
      ready,
      mesa,
      bare,
      createBody: createBodies(ready.clients),
    });
    const out: Record<string, number | string> = {
      date: new Date().toISOString(),
      database: process.env.BENCH_PG_URL ? "PostgreSQL" : "SQLite",
      node: process.version,
      nodeFlags: childNodeFlags().join(" "),
      platform: `${os.platform()} ${os.arch()}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? "?"})`,
      connections: CONNECTIONS,
      secondsPerScenario: SECONDS,
      rounds: ROUNDS,
      tickets: ready.tickets,
      rareWordMatches: ready.rareMatches,
      seedSeconds: ready.seedSeconds,
      seedPhases: ready.seedPhases,
      rssAtStartMb: ready.rssAtStartMb,
    };
    const only = process.env.BENCH_ONLY?.split(",");
    if (only) scenarios.splice(0, scenarios.length, ...scenarios.filter((x) => only.includes(x.key)));
    const withToken = (s: Scenario) => ({ ...s, token: s.key === "bare" ? undefined : ready.token });
    const loads: string[] = [];
    await measureReads(scenarios.filter((x) => x.method === "GET").map(withToken), mesa, out, loads);
    await measureInserts(scenarios.filter((x) => x.method === "POST").map(withToken), mesa, out, loads);
    loads.push(loadAvg());
    out.loadAverage1m = loads.join(" ");
    const stats = await (async () => {
      const p = nextMessage<{ rssMb: number; tickets: number }>(mesa, "stats");
      mesa.send({ type: "stats" });
      return p;
    })();
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

/** The seeded data, once Mesa has stopped (whatever stopped it), unless BENCH_KEEP_DATA keeps it. */
async function removeSeeded(seeded: Seeded): Promise<void> {
  if (process.env.BENCH_KEEP_DATA) {
    console.error(`Mesa data kept in ${seeded.pgUrl ?? seeded.dataDir}`);
    return;
  }
  fs.rmSync(seeded.dataDir, { recursive: true, force: true });
  if (seeded.pgUrl) await dropPgDatabase(seeded.pgUrl);
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
