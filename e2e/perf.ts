/** Performance measurement helpers for the README figures (used by bench/web.ts). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { ApiSession } from "./helpers";

/** Gzip size of the JS the browser loads before any lazy route: index.html's script and modulepreloads. */
export function initialJsGzip(distDir: string): {
  files: { file: string; raw: number; gzip: number }[];
  gzip: number;
} {
  const html = readFileSync(path.join(distDir, "index.html"), "utf8");
  const names = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const files = names.map((file) => {
    const raw = readFileSync(path.join(distDir, file));
    return { file, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
  });
  return { files, gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}

/** Gzip sizes of the JS files a page fetched from /assets/ (sized from the built files, level 9). */
function recordJs(distDir: string, context: BrowserContext): () => { files: string[]; gzip: number } {
  const seen = new Set<string>();
  context.on("response", (response) => {
    const { pathname } = new URL(response.url());
    if (pathname.startsWith("/assets/") && pathname.endsWith(".js")) seen.add(pathname.slice(1));
  });
  return () => {
    const files = [...seen].sort();
    const gzip = files.reduce(
      (sum, file) => sum + gzipSync(readFileSync(path.join(distDir, file)), { level: 9 }).length,
      0,
    );
    return { files, gzip };
  };
}

/**
 * All JS (gzip) a cold browser fetched to make a route usable: the signed-out login form, or the
 * signed-in queue of 50 rows (`cookies` given). Counts lazy chunks too, unlike `initialJsGzip`.
 */
export async function routeJsGzip(
  browser: Browser,
  distDir: string,
  url: string,
  cookies?: { name: string; value: string }[],
): Promise<{ files: string[]; gzip: number }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  try {
    if (cookies) await context.addCookies(cookies.map((c) => ({ ...c, url: new URL(url).origin })));
    const collected = recordJs(distDir, context);
    const page = await context.newPage();
    if (cookies) await timeToQueue(page, url);
    else {
      await page.goto(url);
      await page.getByRole("button", { name: "Entrar" }).waitFor();
    }
    return collected();
  } finally {
    await context.close();
  }
}

/** Creates `count` open tickets through the API (half urgent), for a full queue. */
export async function seedTickets(reception: ApiSession, clientId: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await reception.ok("POST", "/api/tickets", {
      clientId,
      title: `Solicitud de carga ${i + 1}`,
      description: "Ticket generado para medir la cola.",
      urgent: i % 2 === 0,
      channel: "phone",
      category: "soporte",
    });
  }
}

/** Page script: resolves `window.__mesaRowsAt` with performance.now() once `rows` ticket rows are in the DOM. */
const rowsReadyScript = (rows: number) => `
  window.__mesaRowsAt = new Promise((resolve, reject) => {
    const check = () =>
      document.querySelectorAll('[data-testid="ticket-row"]').length >= ${rows}
        ? resolve(performance.now())
        : requestAnimationFrame(check);
    requestAnimationFrame(check);
    setTimeout(() => reject(new Error("no ${rows} rows in 30 s")), 30000);
  });`;

/**
 * Navigates to `url` and returns the milliseconds from navigation start until `rows` ticket rows
 * are in the DOM (measured in the page with performance.now(), so it excludes test overhead).
 * The watch is a few lines installed through the DevTools protocol before the page's own scripts,
 * not Playwright's injected script: evaluating that (some hundreds of KB) while the page loads
 * would cost the page's main thread up to half a second on a busy machine.
 */
export async function timeToQueue(page: Page, url: string, rows = 50): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("Page.enable");
    const { identifier } = await cdp.send("Page.addScriptToEvaluateOnNewDocument", {
      source: rowsReadyScript(rows),
    });
    await page.goto(url, { waitUntil: "commit" });
    const answer = await cdp.send("Runtime.evaluate", {
      expression: "window.__mesaRowsAt",
      awaitPromise: true,
      returnByValue: true,
    });
    await cdp.send("Page.removeScriptToEvaluateOnNewDocument", { identifier });
    if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.exception?.description ?? "no rows");
    return Math.round(answer.result.value as number);
  } finally {
    await cdp.detach();
  }
}

/**
 * Signs in through the login form of a cold context opened at `url` (the intake) and returns the ms
 * from pressing "Entrar" until the intake's first field (the caller search) is in the DOM, enabled
 * and focusable, measured in the page. The fields are filled first, as a person types before pressing.
 */
export async function timeToIntakeAfterLogin(
  page: Page,
  url: string,
  email: string,
  password: string,
  beforePress?: () => Promise<unknown>,
): Promise<number> {
  await page.goto(url);
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña", { exact: true }).fill(password);
  const button = page.getByRole("button", { name: "Entrar" });
  await button.evaluate((el) =>
    el.addEventListener("click", () => Object.assign(window, { pressedAt: performance.now() }), {
      capture: true,
    }),
  );
  await beforePress?.();
  await button.click();
  const handle = await page.waitForFunction(
    () => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="caller-search"]');
      const pressed = (window as unknown as { pressedAt?: number }).pressedAt;
      if (!input || input.disabled || input.readOnly || pressed === undefined) return false;
      return performance.now() - pressed;
    },
    undefined,
    { polling: "raf", timeout: 30_000 },
  );
  return Math.round((await handle.jsonValue()) as number);
}

/**
 * Starts a meter of the CPU time (ms) all the browser's processes use (browser, renderers, network,
 * GPU; 10 ms resolution); the returned function reads it. Unlike wall time, it barely depends on how
 * busy the machine is.
 */
export async function browserCpuMeter(browser: Browser): Promise<() => Promise<number>> {
  const cdp = await browser.newBrowserCDPSession();
  const read = async () => {
    const { processInfo } = await cdp.send("SystemInfo.getProcessInfo");
    return new Map(processInfo.map((p) => [p.id, p.cpuTime]));
  };
  const before = await read();
  return async () => {
    const after = await read();
    await cdp.detach();
    let seconds = 0;
    for (const [pid, cpu] of after) seconds += cpu - (before.get(pid) ?? 0);
    return Math.round(seconds * 1000);
  };
}

/** When each request of a page started and ended (ms from navigation), to see a waterfall. */
export async function resourceTimeline(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...performance.getEntriesByType("navigation").map((e) => {
      // No helper function here: the test runner's transform would name it with a helper the page lacks.
      const [request, start, end, interactive] = [
        (e as PerformanceNavigationTiming).requestStart,
        (e as PerformanceNavigationTiming).responseStart,
        (e as PerformanceNavigationTiming).responseEnd,
        (e as PerformanceNavigationTiming).domInteractive,
      ].map(Math.round);
      return `page: request ${request}, response ${start}–${end}, interactive ${interactive} ms`;
    }),
    ...performance.getEntriesByType("resource").map((e) => {
      const r = e as PerformanceResourceTiming;
      const name = new URL(r.name).pathname + new URL(r.name).search;
      return `${Math.round(r.startTime)}–${Math.round(r.responseEnd)} ms ${name.slice(0, 90)}`;
    }),
  ]);
}

/** Cold runs: a fresh browser context each time (empty cache), already signed in by cookie. */
export async function coldQueueTimes(
  browser: Browser,
  session: ApiSession,
  baseUrl: string,
  runs: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addCookies(session.cookies.map((c) => ({ ...c, url: baseUrl })));
    const page = await context.newPage();
    times.push(await timeToQueue(page, `${baseUrl}/queue?view=open`));
    await context.close();
  }
  return times;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}
