/**
 * What the HTTP bench's child processes share (bench/http-servers.ts, bench/http-bare.ts) and the
 * parent uses to clean up: their CPU time and CPU profiles over IPC, and PostgreSQL databases made and dropped. Its own
 * module, so that neither child imports the other (a child's entry module awaits at its top level, and
 * a module importing it back would wait for it forever).
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const PG_URL = process.env.BENCH_PG_URL;

/**
 * CPU time this server process has used so far (user + system, ms): cost per request, robust to a busy
 * machine. The system part is said apart: on loopback, sending to PostgreSQL or to the client runs the
 * receiver's TCP stack and its wake-up in the sender's time, which JavaScript does not choose.
 */
export function answerCpu(): void {
  const u = process.cpuUsage();
  process.send!({ type: "cpu", ms: (u.user + u.system) / 1000, systemMs: u.system / 1000 });
}

/** A fresh database on BENCH_PG_URL's server; `drop` removes it. */
export async function freshPgDatabase(role: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mesa_bench_${role}_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Drops a database freshPgDatabase made (by its URL: the process that made it has exited). */
export async function dropPgDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

let profiler: import("node:inspector/promises").Session | null = null;

/** CPU profile of the measured load only (seeding excluded), written as a .cpuprofile for DevTools/speedscope. */
export async function profileControl(msg: { action: "start" | "stop"; file?: string }): Promise<void> {
  if (msg.action === "start") {
    const { Session } = await import("node:inspector/promises");
    profiler = new Session();
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.setSamplingInterval", { interval: 200 });
    await profiler.post("Profiler.start");
  } else if (profiler) {
    const { profile } = await profiler.post("Profiler.stop");
    fs.mkdirSync(path.dirname(msg.file!), { recursive: true });
    fs.writeFileSync(msg.file!, JSON.stringify(profile));
    profiler.disconnect();
    profiler = null;
  }
  process.send!({ type: "profiled" });
}
