/**
 * Fault scenarios shared by test/api/faults.test.ts (which asserts on them) and bench/faults.ts (which
 * prints them for the README): a burst of ticket creates against Mesa running as its own process,
 * hit mid-burst by `kill -9` (SQLite) or by terminated database connections (PostgreSQL).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freshDatabase } from "../harness.js";
import { HttpCaller, httpSignIn, killHard, type ServerProcess, startServer } from "./server-process.js";

export interface FaultFigures {
  scenario: string;
  sent: number;
  /** Answered 2xx: the user was told it was saved. */
  acknowledged: number;
  /** Answered 503 database_unavailable with Retry-After: the user was told to retry. */
  retryLater: number;
  stored: number;
  /** Acknowledged but not in the database afterwards: must be 0. */
  lost: number;
  foliosGapless: boolean;
  /** From the fault until /api/ready answers 200 again. */
  recoverySeconds: number;
  /** Answers that are none of: 2xx, 503 database_unavailable + Retry-After, or (after kill -9) a cut connection. */
  unexpected: string[];
  /** The server process after the fault (PostgreSQL scenario: it must not have died). */
  survived: boolean;
}

type Answer =
  | { kind: "ack"; id: string }
  | { kind: "retry" }
  | { kind: "cut" }
  | { kind: "other"; what: string };

const BURST = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function seed(admin: HttpCaller) {
  const client = await admin.post("/api/clients", { name: "Constructora Ñandú", rfc: "CÑA010203AB5" });
  const contact = await admin.post("/api/contacts", { clientId: client.body.id, name: "Ana" });
  if (contact.status !== 201) throw new Error(`seed: ${JSON.stringify(contact.body)}`);
  return {
    clientId: client.body.id,
    contactId: contact.body.id,
    title: "Sin red",
    description: "",
    urgent: false,
    channel: "phone",
  };
}

async function create(admin: HttpCaller, body: object): Promise<Answer> {
  try {
    const r = await admin.post("/api/tickets", body);
    if (r.status === 201) return { kind: "ack", id: r.body.id };
    if (r.status === 503 && r.body?.error?.code === "database_unavailable" && r.headers.get("retry-after")) {
      return { kind: "retry" };
    }
    return { kind: "other", what: `${r.status} ${JSON.stringify(r.body)}` };
  } catch {
    return { kind: "cut" };
  }
}

/** Resolves when `n` creates of the burst are acknowledged (or after `ms`, whichever is first). */
function acks(burst: Promise<Answer>[], n: number, ms: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
    for (const p of burst) void p.then((a) => a.kind === "ack" && ++seen >= n && resolve());
  });
}

async function waitReady(url: string, since: number): Promise<number> {
  while (performance.now() - since < 30_000) {
    const ok = await fetch(`${url}/api/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return (performance.now() - since) / 1000;
    await sleep(50);
  }
  throw new Error("not ready 30 s after the fault");
}

/** What survived: every acknowledged ticket present, folios 1..n with no gap and no duplicate. */
async function audit(admin: HttpCaller, answers: Answer[]) {
  const list = await admin.get("/api/tickets?limit=200");
  if (list.status !== 200) throw new Error(`list: ${list.status} ${JSON.stringify(list.body)}`);
  const items = list.body.items as { id: string; folio: string }[];
  const stored = new Set(items.map((i) => i.id));
  const acked = answers.flatMap((a) => (a.kind === "ack" ? [a.id] : []));
  const numbers = items.map((i) => Number(i.folio.slice(-6))).sort((a, b) => a - b);
  return {
    acknowledged: acked.length,
    stored: items.length,
    lost: acked.filter((id) => !stored.has(id)).length,
    foliosGapless: numbers.every((n, i) => n === i + 1),
  };
}

function tally(answers: Answer[], cutsExpected: boolean) {
  return {
    retryLater: answers.filter((a) => a.kind === "retry").length,
    unexpected: answers.flatMap((a) =>
      a.kind === "other" ? [a.what] : a.kind === "cut" && !cutsExpected ? ["connection cut"] : [],
    ),
  };
}

async function stop(proc: ServerProcess): Promise<void> {
  proc.child.kill("SIGTERM");
  await Promise.race([proc.exited, sleep(5_000)]);
  await killHard(proc);
}

/** SQLite: `kill -9` while 20 creates are in flight, then a restart on the same data directory. */
export async function sqliteKillFault(): Promise<FaultFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-fault-"));
  try {
    const first = await startServer({ MESA_DATA_DIR: dir });
    const admin = await httpSignIn(first.url);
    const body = await seed(admin);
    const burst = Array.from({ length: BURST }, () => create(admin, body));
    await acks(burst, 5, 2_000);
    const killedAt = performance.now();
    await killHard(first);
    const answers = await Promise.all(burst);
    const second = await startServer({ MESA_DATA_DIR: dir });
    try {
      const recoverySeconds = await waitReady(second.url, killedAt);
      // The token is in the database: the same caller, now talking to the restarted process.
      const figures = await audit(new HttpCaller(second.url, admin.token), answers);
      return {
        scenario: "SQLite, kill -9 a mitad de la ráfaga",
        sent: BURST,
        ...figures,
        ...tally(answers, true),
        recoverySeconds,
        survived: true,
      };
    } finally {
      await stop(second);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** PostgreSQL: the app's backends terminated three times while 20 creates are in flight; no restart. */
export async function postgresDropFault(): Promise<FaultFigures> {
  const db = await freshDatabase("postgres");
  const dbName = new URL(db.env.DATABASE_URL!).pathname.slice(1);
  const killer = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await killer.connect();
  let server: ServerProcess | null = null;
  try {
    server = await startServer({ DATABASE_URL: db.env.DATABASE_URL! });
    const admin = await httpSignIn(server.url);
    const body = await seed(admin);
    const burst = Array.from({ length: BURST }, () => create(admin, body));
    await acks(burst, 1, 200);
    let lastKill = performance.now();
    for (let i = 0; i < 3; i++) {
      // Only this test's own database: the cluster is shared.
      await killer.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [dbName],
      );
      lastKill = performance.now();
      await sleep(20);
    }
    const answers = await Promise.all(burst);
    const recoverySeconds = await waitReady(server.url, lastKill);
    const figures = await audit(admin, answers);
    return {
      scenario: "PostgreSQL, conexiones terminadas ×3 a mitad de la ráfaga",
      sent: BURST,
      ...figures,
      ...tally(answers, false),
      recoverySeconds,
      survived: server.alive(),
    };
  } finally {
    await killer.end();
    if (server) await stop(server);
    await db.drop();
  }
}
