/**
 * Production start-up and transfer figures for the README:
 * - a built tree (`node dist/server/main.js`, and `npm start` with its staleness check) to the first
 *   answered request, on a new database (migrations included) and on an existing one;
 * - a fresh clone's first `npm start`, build included (node_modules linked from this tree, as
 *   `npm ci` would leave it);
 * - the queue page's JavaScript as Chromium receives it from the server (compressed bytes on the
 *   wire, Accept-Encoding as the browser sends it) against the same files uncompressed.
 * Run alone with `npx tsx bench/startup.ts`, or through `npm run bench -- startup`.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { ADMIN, ApiSession, launchBrowser, PASSWORD, seedClient, seedStaff } from "../e2e/helpers.js";
import { median, seedTickets, timeToQueue } from "../e2e/perf.js";
import { buildRepo, ROOT } from "../test/support/built-tree.js";

const PORT = 3990;
const BASE = `http://127.0.0.1:${PORT}`;

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Spawns a command with Mesa's environment and resolves with the ms until /api/health answers 200. */
async function timeToHealth(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; cpuMs: number; child: ChildProcess }> {
  const started = performance.now();
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env },
    stdio: "ignore",
    detached: true, // its own process group: `npm start`'s node child is stopped with it
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${cmd} ${args.join(" ")} terminó con ${child.exitCode}`);
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) {
        return { ms: performance.now() - started, cpuMs: cpuMs(child.pid!), child };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** CPU time (user + system) a process has used so far, from /proc (Linux): steadier than wall time on a busy machine. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 1/100 s
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-child.pid!, "SIGTERM");
  await exited;
  // npm may exit before its child: wait until the port is free again.
  for (;;) {
    try {
      await fetch(`${BASE}/api/health`);
      await new Promise((r) => setTimeout(r, 20));
    } catch {
      return;
    }
  }
}

/** Median of `runs` starts; the first on a new database, the rest reuse it. */
async function startups(cmd: string, args: string[], runs: number) {
  const dataDir = tmp("mesa-bench-start-");
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { ms, cpuMs, child } = await timeToHealth(cmd, args, ROOT, { MESA_DATA_DIR: dataDir });
    times.push(ms);
    cpu.push(cpuMs);
    await stop(child);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { newDb: times[0]!, existingDb: median(times.slice(1)), cpuExistingDb: median(cpu.slice(1)) };
}

/** `git clone` of HEAD, node_modules linked, then the first `npm start` until it answers. */
async function freshCloneFirstStart(): Promise<number> {
  const dir = tmp("mesa-bench-clone-");
  try {
    execFileSync("git", ["clone", "--quiet", ROOT, dir]);
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    const { ms, child } = await timeToHealth("npm", ["start", "--silent"], dir, {
      MESA_DATA_DIR: path.join(dir, "data"),
    });
    await stop(child);
    return ms;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Bytes of /assets/*.js a cold signed-in browser received for the queue of 50 rows. */
async function queueJsOnTheWire(browser: Browser, reception: ApiSession) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const sizes: Promise<{ wire: number; raw: number; encoding: string }>[] = [];
  context.on("response", (response) => {
    if (!/^\/assets\/.+\.js$/.test(new URL(response.url()).pathname)) return;
    sizes.push(
      (async () => ({
        wire: (await response.request().sizes()).responseBodySize,
        raw: (await response.body()).length,
        encoding: (await response.allHeaders())["content-encoding"] ?? "identity",
      }))(),
    );
  });
  await context.addCookies(reception.cookies.map((c) => ({ ...c, url: BASE })));
  await timeToQueue(await context.newPage(), `${BASE}/queue?view=open`);
  const all = await Promise.all(sizes);
  await context.close();
  return {
    files: all.length,
    wire: all.reduce((s, f) => s + f.wire, 0),
    raw: all.reduce((s, f) => s + f.raw, 0),
    encodings: [...new Set(all.map((f) => f.encoding))].join(", "),
  };
}

async function transfer() {
  const dataDir = tmp("mesa-bench-wire-");
  const { child } = await timeToHealth(process.execPath, ["dist/server/main.js"], ROOT, {
    MESA_DATA_DIR: dataDir,
    MESA_ADMIN_EMAIL: ADMIN.email,
    MESA_ADMIN_PASSWORD: ADMIN.password,
    MESA_LOGIN_MAX_PER_MINUTE: "10000",
    MESA_JOBS: "false",
  });
  const browser = await launchBrowser();
  try {
    const admin = await ApiSession.login(BASE, ADMIN.email, ADMIN.password);
    const staff = await seedStaff(admin);
    const { clientId } = await seedClient(admin);
    const reception = await ApiSession.login(BASE, staff.reception.email, PASSWORD);
    await seedTickets(reception, clientId, 60);
    return await queueJsOnTheWire(browser, reception);
  } finally {
    await browser.close();
    await stop(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const ms = (n: number) => Math.round(n);

export async function runStartupBench(): Promise<Record<string, number | string>> {
  buildRepo();
  const load = [os.loadavg()[0]!];
  const node = await startups(process.execPath, ["dist/server/main.js"], 6);
  const npm = await startups("npm", ["start", "--silent"], 4);
  const clone = await freshCloneFirstStart();
  const wire = await transfer();
  load.push(os.loadavg()[0]!);
  return {
    node: process.version,
    builtNodeNewDbMs: ms(node.newDb),
    builtNodeExistingDbMs: ms(node.existingDb),
    builtNodeCpuMs: ms(node.cpuExistingDb),
    builtNpmStartExistingDbMs: ms(npm.existingDb),
    freshCloneFirstStartMs: ms(clone),
    queueJsFiles: wire.files,
    queueJsWireKB: kb(wire.wire),
    queueJsRawKB: kb(wire.raw),
    queueJsEncodings: wire.encodings,
    loadAverage: load.map((l) => l.toFixed(2)).join(" → "),
  };
}

export function formatStartupBench(r: Record<string, number | string>): string {
  return [
    "| Measure | Value |",
    "|---|---:|",
    `| built tree → first answered request, \`node dist/server/main.js\`, new database (target < 2 s) | ${r.builtNodeNewDbMs} ms |`,
    `| same, existing database, median of 5 | ${r.builtNodeExistingDbMs} ms |`,
    `| CPU time of that start-up (user + system), median of 5 | ${r.builtNodeCpuMs} ms |`,
    `| same through \`npm start\` (staleness check included), median of 3 | ${r.builtNpmStartExistingDbMs} ms |`,
    `| fresh clone's first \`npm start\` (build included) → first answered request | ${r.freshCloneFirstStartMs} ms |`,
    `| queue of 50 rows: JavaScript received, compressed (${r.queueJsFiles} files, ${r.queueJsEncodings}) | ${r.queueJsWireKB} KB |`,
    `| same files uncompressed | ${r.queueJsRawKB} KB |`,
    `| machine 1-min load average, start → end of the run | ${r.loadAverage} |`,
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(formatStartupBench(await runStartupBench()));
}
