/**
 * The floor under the cold queue figure: what the same harness (new context, navigation → rows in
 * the DOM, CPU of all of Chromium's processes) measures for pages that do next to nothing, served
 * the same way (brotli, immutable assets, no-cache HTML, over TCP):
 * - an empty page (one row in its HTML, no script): Chromium's own cost of a cold navigation;
 * - React alone rendering a plain table of 50 rows (bench/floor/react.tsx, built by Vite).
 * What Mesa's cold queue costs above these is Mesa's to cut; below them, nothing a web app can do.
 * `npx tsx bench/web-floor.ts` alone, or through bench/web.ts (a row of its table).
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";
import type { Browser } from "playwright-core";
import { build } from "vite";
import { launchBrowser } from "../e2e/helpers.js";
import { browserCpuMeter, median, timeToQueue } from "../e2e/perf.js";

const FLOOR = path.join(import.meta.dirname, "floor");
const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript" };

/** Builds the floor pages into a new folder (production React, minified). */
async function buildFloor(): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-floor-"));
  await build({
    configFile: false,
    root: FLOOR,
    logLevel: "silent",
    build: {
      outDir,
      emptyOutDir: false,
      modulePreload: { polyfill: false },
      rollupOptions: { input: { empty: `${FLOOR}/empty.html`, react: `${FLOOR}/react.html` } },
    },
  });
  return outDir;
}

/** Serves a built folder as Mesa serves its own: brotli, no-cache HTML, immutable hashed assets. */
async function serveFolder(dir: string): Promise<{ base: string; close: () => Promise<void> }> {
  // Compressed once, as Mesa's build does, not per request.
  const bodies = new Map<string, Buffer>();
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isFile()) bodies.set(file, zlib.brotliCompressSync(fs.readFileSync(file)));
  }
  const server = http.createServer((req, res) => {
    const file = path.join(dir, new URL(req.url ?? "/", "http://x").pathname);
    const body = bodies.get(file);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "Content-Encoding": "br",
      "Cache-Control": file.endsWith(".html") ? "no-cache" : "public, max-age=31536000, immutable",
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One cold navigation (new context) to `url`, timed until `rows` rows are in the DOM, with its CPU. */
async function coldFloor(browser: Browser, url: string, rows: number) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const cpu = await browserCpuMeter(browser);
  const ms = await timeToQueue(page, url, rows);
  const browserCpu = await cpu();
  await context.close();
  return { ms, browserCpu };
}

/** Median wall time and browser CPU of `runs` cold loads of each floor page. */
export async function runWebFloor(browser: Browser, runs: number): Promise<Record<string, number>> {
  const dir = await buildFloor();
  const served = await serveFolder(dir);
  try {
    const empty: { ms: number; browserCpu: number }[] = [];
    const react: { ms: number; browserCpu: number }[] = [];
    for (let i = 0; i < runs; i++) {
      empty.push(await coldFloor(browser, `${served.base}/empty.html`, 1));
      react.push(await coldFloor(browser, `${served.base}/react.html`, 50));
    }
    const med = (list: { ms: number; browserCpu: number }[], key: "ms" | "browserCpu") =>
      Math.round(median(list.map((r) => r[key])));
    return {
      floorEmptyColdMedianMs: med(empty, "ms"),
      floorEmptyBrowserCpuMedianMs: med(empty, "browserCpu"),
      floorReactColdMedianMs: med(react, "ms"),
      floorReactBrowserCpuMedianMs: med(react, "browserCpu"),
    };
  } finally {
    await served.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const browser = await launchBrowser();
  try {
    const load = os.loadavg()[0]!.toFixed(2);
    const r = await runWebFloor(browser, Number(process.env.BENCH_WEB_RUNS ?? 7));
    console.log(JSON.stringify({ ...r, loadAverage1m: `${load} → ${os.loadavg()[0]!.toFixed(2)}` }, null, 2));
  } finally {
    await browser.close();
  }
}
