/**
 * `npx tsx bench/login-burst.ts`: what a burst of 200 login attempts does to everybody else.
 *
 * A Mesa server (SQLite, temp dir) runs in a child process; this process keeps 4 signed-in users
 * reading `GET /api/clients` in a loop (bearer tokens, keep-alive) and records throughput and
 * latency for 3 s before, then during each burst of 200 parallel logins with wrong passwords:
 *   - one address, one account (a guessing script);
 *   - 200 addresses (X-Forwarded-For, MESA_TRUST_PROXY=true), 200 accounts (a distributed one).
 * Prints a Markdown table; `--json` prints the raw figures.
 */
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);
const READERS = 4;
const BURST = 200;
const BASELINE_MS = 3000;

interface Ready {
  port: number;
  tokens: string[];
}

async function serve(): Promise<void> {
  const { buildApp } = await import("../src/server/app.js");
  const { ADMIN, signIn } = await import("../test/client.js");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-login-"));
  const app = await buildApp({
    env: {
      MESA_DATA_DIR: dataDir,
      MESA_ADMIN_EMAIL: ADMIN.email,
      MESA_ADMIN_PASSWORD: ADMIN.password,
      MESA_WEB_DIST: "/nonexistent",
      MESA_TRUST_PROXY: "true",
      MESA_RATE_LIMIT_PER_MINUTE: "100000000",
      MESA_JOBS: "false",
      LOG_LEVEL: "silent",
    },
    logger: false,
  });
  const admin = await signIn(app, ADMIN.email, ADMIN.password);
  for (let i = 0; i < 20; i++) await admin.post("/api/clients", { name: `Cliente ${i}` });
  const tokens: string[] = [];
  for (let i = 0; i < READERS; i++) {
    const email = `lector${i}@encor.mx`;
    await admin.post("/api/users", { email, name: email, password: "clave-lectora-1", roles: ["reception"] });
    tokens.push((await signIn(app, email, "clave-lectora-1")).token!);
  }
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address() as { port: number };
  process.send!({ port: address.port, tokens } satisfies Ready);
  process.on("disconnect", () => {
    void app.close().then(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  });
}

function startServer(): Promise<{ ready: Ready; stop: () => void }> {
  const child = fork(SELF, ["--server"], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  return new Promise((resolve, reject) => {
    child.once("message", (ready) => resolve({ ready: ready as Ready, stop: () => child.disconnect() }));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]! : Number.NaN;

/** Readers loop until `until` resolves; returns their latencies and the elapsed time. */
async function readWhile(base: string, tokens: string[], until: Promise<unknown>) {
  let done = false;
  void until.then(() => {
    done = true;
  });
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      while (!done) {
        const t0 = performance.now();
        const res = await fetch(`${base}/api/clients`, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        if (res.ok) latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    reqPerSec: Math.round(latencies.length / seconds),
    p50: Number(percentile(latencies, 50).toFixed(1)),
    p99: Number(percentile(latencies, 99).toFixed(1)),
  };
}

async function burst(base: string, distributed: boolean) {
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: BURST }, (_, i) =>
      fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": distributed ? `10.${i >> 8}.${i & 255}.7` : "203.0.113.7",
        },
        body: JSON.stringify({
          email: distributed ? `u${i}@encor.mx` : "lector0@encor.mx",
          password: `mala-${i}-clave`,
        }),
      }).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      }),
    ),
  );
  const counts: Record<number, number> = {};
  for (const s of answers) counts[s] = (counts[s] ?? 0) + 1;
  return { ms: Math.round(performance.now() - started), counts };
}

async function main(): Promise<void> {
  const { ready, stop } = await startServer();
  const base = `http://127.0.0.1:${ready.port}`;
  const rows = [];
  for (const distributed of [false, true]) {
    const before = await readWhile(base, ready.tokens, new Promise((r) => setTimeout(r, BASELINE_MS)));
    const logins = burst(base, distributed);
    const during = await readWhile(base, ready.tokens, logins);
    const b = await logins;
    rows.push({
      scenario: distributed ? "200 addresses × 200 accounts" : "1 address × 1 account",
      before,
      during,
      burst: b,
    });
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  if (process.argv.includes("--json")) console.log(JSON.stringify(rows, null, 2));
  console.log(
    "| Burst of 200 wrong logins | other users' GET req/s before → during | p50 ms before → during | p99 ms before → during | burst took | answers |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | --- |");
  for (const r of rows) {
    const answers = Object.entries(r.burst.counts)
      .map(([s, n]) => `${n}× ${s}`)
      .join(", ");
    console.log(
      `| ${r.scenario} | ${r.before.reqPerSec} → ${r.during.reqPerSec} | ${r.before.p50} → ${r.during.p50} | ${r.before.p99} → ${r.during.p99} | ${r.burst.ms} ms | ${answers} |`,
    );
  }
}

if (process.argv.includes("--server")) await serve();
else await main();
