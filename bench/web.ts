/**
 * Web app figures for the README: initial JavaScript (gzip) and the time from navigation to a
 * usable queue of 50 rows in headless Chromium, cold (new browser context) and warm.
 * Run alone with `npx tsx bench/web.ts`, or through `npm run bench`.
 */
import { pathToFileURL } from "node:url";
import {
  ADMIN,
  ApiSession,
  buildWeb,
  launchBrowser,
  PASSWORD,
  seedClient,
  seedStaff,
  startServer,
  WEB_DIST,
} from "../e2e/helpers.js";
import { coldQueueTimes, initialJsGzip, median, routeJsGzip, seedTickets, timeToQueue } from "../e2e/perf.js";

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export async function runWebBench(): Promise<Record<string, number | string>> {
  buildWeb(); // measure a production build, whatever built web/dist last (the e2e setup, a dev run…)
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const admin = await ApiSession.login(server.baseUrl, ADMIN.email, ADMIN.password);
    const staff = await seedStaff(admin);
    const { clientId } = await seedClient(admin);
    const reception = await ApiSession.login(server.baseUrl, staff.reception.email, PASSWORD);
    await seedTickets(reception, clientId, 60);
    const js = initialJsGzip(WEB_DIST);
    const loginJs = await routeJsGzip(browser, WEB_DIST, `${server.baseUrl}/queue`);
    const queueJs = await routeJsGzip(
      browser,
      WEB_DIST,
      `${server.baseUrl}/queue?view=open`,
      reception.cookies,
    );
    const cold = await coldQueueTimes(browser, reception, server.baseUrl, 5);
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addCookies(reception.cookies.map((c) => ({ ...c, url: server.baseUrl })));
    const page = await context.newPage();
    await timeToQueue(page, `${server.baseUrl}/queue?view=open`);
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push(await timeToQueue(page, `${server.baseUrl}/queue?view=open`));
    await context.close();
    return {
      initialJsGzipKB: kb(js.gzip),
      initialJsFiles: js.files.map((f) => `${f.file} (${Math.round(f.gzip / 1024)} KB)`).join(", "),
      loginRouteJsGzipKB: kb(loginJs.gzip),
      queueRouteJsGzipKB: kb(queueJs.gzip),
      queueRouteJsFiles: queueJs.files.length,
      queue50ColdMedianMs: Math.round(median(cold)),
      queue50ColdRunsMs: cold.map((n) => Math.round(n)).join(", "),
      queue50WarmMedianMs: Math.round(median(warm)),
      queue50WarmRunsMs: warm.map((n) => Math.round(n)).join(", "),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

export function formatWebBench(r: Record<string, number | string>): string {
  return [
    "| Measure | Value |",
    "|---|---:|",
    `| initial JavaScript, gzip (target ≤ 250 KB) | ${r.initialJsGzipKB} KB |`,
    `| all JavaScript of the login screen, gzip | ${r.loginRouteJsGzipKB} KB |`,
    `| all JavaScript of the queue of 50 rows, gzip (${r.queueRouteJsFiles} files) | ${r.queueRouteJsGzipKB} KB |`,
    `| navigation → usable queue of 50 rows, cold, median of 5 (target ≤ 1 s) | ${r.queue50ColdMedianMs} ms |`,
    `| navigation → usable queue of 50 rows, warm, median of 5 | ${r.queue50WarmMedianMs} ms |`,
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(formatWebBench(await runWebBench()));
}
