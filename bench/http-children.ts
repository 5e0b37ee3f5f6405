/**
 * The HTTP benches' child processes, from the parent's side (bench/http.ts, bench/http-growth.ts):
 * started from bench/http-servers.ts with `--role=seed|mesa|bare`, spoken to over IPC, stopped, and
 * the seeded data removed once the server on it has gone.
 */
import { type ChildProcess, fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { dropPgDatabase } from "./http-child.js";
import type { Seeded } from "./http-servers.js";
import { serverNodeFlags } from "./server-flags.js";

const SERVERS = path.join(import.meta.dirname, "http-servers.ts");

/** The servers' Node flags: `npm start`'s, then BENCH_CHILD_NODE_ARGS (which may override one). */
export const childNodeFlags = () => [
  ...serverNodeFlags(),
  ...(process.env.BENCH_CHILD_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
];

/** A child of bench/http-servers.ts; `env` reaches it before any of its code runs (unlike a message). */
export function spawnChild(role: "seed" | "mesa" | "bare", env: Record<string, string> = {}): ChildProcess {
  return fork(SERVERS, [`--role=${role}`], {
    execArgv: ["--import", "tsx", ...childNodeFlags()],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, DATABASE_URL: "", ...env },
  });
}

export function nextMessage<T>(child: ChildProcess | NodeJS.Process, type: string): Promise<T> {
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

/** Asks a child to exit, and kills it after 5 s; a child already gone (by exit or signal) is left be. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  // A child whose channel closed (killed meanwhile) cannot be asked: the timer kills it, if alive.
  if (child.connected) child.send({ type: "exit" }, () => {});
  await exited;
  clearTimeout(timer);
}

/** Seeds `tickets` tickets (BENCH_TICKETS when not given) in a process of its own, which exits. */
export async function seedData(tickets?: number): Promise<Seeded> {
  const seeder = spawnChild("seed", tickets ? { BENCH_TICKETS: String(tickets) } : {});
  return await nextMessage<Seeded>(seeder, "seeded");
}

/** The seeded data, once Mesa has stopped (whatever stopped it), unless BENCH_KEEP_DATA keeps it. */
export async function removeSeeded(seeded: Seeded): Promise<void> {
  if (process.env.BENCH_KEEP_DATA) {
    console.error(`Mesa data kept in ${seeded.pgUrl ?? seeded.dataDir}`);
    return;
  }
  fs.rmSync(seeded.dataDir, { recursive: true, force: true });
  if (seeded.pgUrl) await dropPgDatabase(seeded.pgUrl);
}

/** The Mesa process's stats message: its RSS now and how many tickets it holds. */
export async function mesaStats(mesa: ChildProcess): Promise<{ rssMb: number; tickets: number }> {
  const answer = nextMessage<{ rssMb: number; tickets: number }>(mesa, "stats");
  mesa.send({ type: "stats" });
  return await answer;
}
