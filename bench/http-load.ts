/**
 * The HTTP benches' load generation (bench/http.ts, bench/http-growth.ts): autocannon against one
 * scenario, the server's CPU time over it (asked over IPC) and PostgreSQL's (from /proc), and the
 * samples turned into a scenario's figures.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { childNodeFlags, nextMessage } from "./http-children.js";
import type { Scenario } from "./http-scenarios.js";
import { median } from "./http-targets.js";

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
export const SECONDS = env("BENCH_SECONDS", 10);
export const WARMUP_SECONDS = env("BENCH_WARMUP_SECONDS", 2);
export const CONNECTIONS = env("BENCH_CONNECTIONS", 20);
export const ROUNDS = Math.max(1, Math.round(env("BENCH_ROUNDS", 3)));

/** Raw samples of one or more rounds of one scenario; rounds are merged before the percentiles. */
export interface Samples {
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

export const emptySamples = (): Samples => ({
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
export async function load(s: Scenario, seconds: number, into: Samples = emptySamples()): Promise<Samples> {
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

export async function profile(server: ChildProcess, action: "start" | "stop", name = ""): Promise<void> {
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

export const answeredOf = (m: Samples) => Math.max(1, m.latencies.length + m.non2xx);
export const cpuUsPerRequest = (m: Samples) => Math.round((m.serverCpuMs * 1000) / answeredOf(m));

export function mergeSamples(into: Samples, m: Samples): void {
  for (const ms of m.latencies) into.latencies.push(ms);
  into.seconds += m.seconds;
  into.serverCpuMs += m.serverCpuMs;
  into.serverSystemMs += m.serverSystemMs;
  into.postgresCpuMs += m.postgresCpuMs;
  into.errors += m.errors;
  into.non2xx += m.non2xx;
  into.bytes += m.bytes;
}

export function summarize(key: string, m: Samples, out: Record<string, number | string>): void {
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

export const loadAvg = () => os.loadavg()[0]!.toFixed(2);

/** Many rounds' load averages in a few words: their range and median. */
export function loadSummary(loads: string[]): string {
  const sorted = loads.map(Number).sort((a, b) => a - b);
  const mid = sorted[Math.floor(sorted.length / 2)]!;
  return `${sorted[0]!.toFixed(2)}–${sorted.at(-1)!.toFixed(2)}, median ${mid.toFixed(2)}, over ${sorted.length} readings`;
}

/**
 * One measured round of `s`: its own short warm-up, the load average noted, then SECONDS of load
 * (profiled as `name` with BENCH_PROFILE_DIR).
 */
export async function measuredRound(s: Scenario, name: string, loads: string[]): Promise<Samples> {
  await load(s, WARMUP_SECONDS);
  loads.push(loadAvg());
  await profile(s.server, "start");
  const measured = await load(s, SECONDS);
  await profile(s.server, "stop", name);
  return measured;
}

/**
 * A read's figures from its rounds, into `out` under `key`: latencies and bytes merged, and each CPU
 * figure per request the rounds' median (the server's rounds kept beside it).
 */
export function summarizeRounds(key: string, each: Samples[], out: Record<string, number | string>): void {
  const merged = emptySamples();
  for (const m of each) mergeSamples(merged, m);
  summarize(key, merged, out);
  const perRequest = (ms: (m: Samples) => number) =>
    median(each.map((m) => Math.round((ms(m) * 1000) / answeredOf(m))));
  out[`${key}ServerCpuUsPerReq`] = perRequest((m) => m.serverCpuMs);
  out[`${key}ServerSystemUsPerReq`] = perRequest((m) => m.serverSystemMs);
  if (process.env.BENCH_PG_URL) out[`${key}PostgresCpuUsPerReq`] = perRequest((m) => m.postgresCpuMs);
  out[`${key}ServerCpuUsPerReqRounds`] = each.map(cpuUsPerRequest).join(" ");
}

/**
 * When, where and how an HTTP bench run measured: what its table's header says, and what makes two
 * runs comparable (SAME_RUN_SHAPE in http-targets.ts).
 */
export function runShape(): Record<string, number | string> {
  return {
    date: new Date().toISOString(),
    database: process.env.BENCH_PG_URL ? "PostgreSQL" : "SQLite",
    node: process.version,
    nodeFlags: childNodeFlags().join(" "),
    platform: `${os.platform()} ${os.arch()}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? "?"})`,
    connections: CONNECTIONS,
    secondsPerScenario: SECONDS,
    rounds: ROUNDS,
  };
}
