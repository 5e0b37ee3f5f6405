/**
 * A two-letter search ("rh") on a large queue. The server checks at most SEARCH_WALK_BUDGET (5,000)
 * tickets per request of such a search and answers a short page `partial`; the list goes on by itself
 * (AUTO_CONTINUATIONS more requests, 100,000 tickets in all), says it is still searching, never
 * "Sin resultados." before the search has ended, and then explains why it stopped and offers
 * «Seguir buscando».
 */
import { type RawBuilder, sql } from "kysely";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEARCH_WALK_BUDGET } from "../src/contract/tickets";
import { bareTicketRow } from "../test/support/ticket-rows";
import { AUTO_CONTINUATIONS } from "../web/src/components/searchRounds";
import {
  ADMIN,
  ApiSession,
  browserMissing,
  launchBrowser,
  PASSWORD,
  type Server,
  shot,
  startServer,
  uiLogin,
  withPage,
} from "./helpers";

/** Requests in one round: the search and its continuations. */
const ROUND = AUTO_CONTINUATIONS + 1;
/** One round checks ROUND × 5,000 tickets and stops 2,500 short of the end; «Seguir buscando» reaches it. */
const N = ROUND * SEARCH_WALK_BUDGET + 2_500;
/** The only ticket with "rh": in the 14th request's 5,000, so found by a continuation. */
const MATCH = 65_000;
const AT = "2026-03-01T12:00:00.000Z";
const folioOf = (i: number) => `OS-2024-${String(i).padStart(6, "0")}`;

/**
 * The tickets in one statement, numbered by SQLite itself (some 3 s; inserted 500 rows at a time from
 * here, 22 s): bareTicketRow's columns, with the number `i` in those that vary. Ticket i is the i-th
 * the walk reaches (deadlines a minute apart).
 */
async function seed(server: Server, clientId: string): Promise<void> {
  const started = Date.now();
  const template = bareTicketRow({
    id: "",
    folio: "",
    text: "",
    client_id: clientId,
    urgent: 0,
    status: "new",
    assignee_id: null,
    at: AT,
    response_due_at: AT,
  });
  const text = sql`'equipo ' || i || ' sin red' || (case when i = ${MATCH} then ' rh' else '' end)`;
  const varying: Record<string, RawBuilder<unknown>> = {
    id: sql`printf('bulk-%06d', i)`,
    folio: sql`printf('OS-2024-%06d', i)`,
    response_due_at: sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${AT.slice(0, 19)}, '+' || i || ' minutes')`,
    title: text,
    search_text: text,
  };
  const columns = Object.keys(template) as (keyof typeof template)[];
  await sql`insert into tickets (${sql.join(columns.map((c) => sql.ref(c)))})
    with recursive n(i) as (select 0 union all select i + 1 from n where i < ${N - 1})
    select ${sql.join(columns.map((c) => varying[c] ?? sql`${template[c]}`))} from n`.execute(
    server.app.ctx.db,
  );
  console.info(`[bounded-search] ${N} tickets inserted in ${Date.now() - started} ms`);
}

/** Records, from the page's first script on, every "no tickets" and every search status it shows. */
async function watchList(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = { empty: 0, progress: [] as string[] };
    (window as unknown as { seen: typeof seen }).seen = seen;
    const has = (n: Node, id: string) =>
      n instanceof Element &&
      (n.matches(`[data-testid="${id}"]`) || !!n.querySelector(`[data-testid="${id}"]`));
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (has(n, "empty-list")) seen.empty++;
      const progress = document.querySelector('[data-testid="search-progress"]')?.textContent;
      if (progress && seen.progress.at(-1) !== progress) seen.progress.push(progress);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

const seenOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { seen: { empty: number; progress: string[] } }).seen);

/** Counts the list requests of one search word. */
function countSearches(page: Page, word: string): () => number {
  let n = 0;
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname === "/api/tickets" && url.searchParams.get("q") === word) n++;
  });
  return () => n;
}

/**
 * What the browser does when the user comes back to the tab, once the list is stale (start.tsx's
 * staleTime, 5 s): TanStack Query refetches the lists that refresh by themselves.
 */
async function backToTab(page: Page): Promise<void> {
  await page.waitForTimeout(5_500);
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange", { bubbles: true })));
}

const folios = (page: Page) =>
  page
    .locator('[data-testid="ticket-row"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-folio")));

describe.skipIf(browserMissing)("a search no index helps, on 102,500 tickets", { timeout: 180_000 }, () => {
  let server: Server;
  let browser: Browser;
  const reception = { email: "recepcion@encor.mx", password: PASSWORD };

  beforeAll(async () => {
    server = await startServer();
    const admin = await ApiSession.login(server.baseUrl, ADMIN.email, ADMIN.password);
    await admin.ok("POST", "/api/users", { ...reception, name: "Rocío Recepción", roles: ["reception"] });
    const client = await admin.ok<{ id: string }>("POST", "/api/clients", { name: "Corporativo Grande" });
    await seed(server, client.id);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function search(page: Page, word: string): Promise<() => number> {
    await watchList(page);
    await uiLogin(page, server.baseUrl, reception.email, reception.password);
    await page.goto(`${server.baseUrl}/search`);
    const requests = countSearches(page, word);
    // The list of every ticket is on screen until the word's first answer comes.
    const answer = page.waitForResponse((r) => new URL(r.url()).searchParams.get("q") === word);
    await page.getByTestId("search-input").fill(word);
    await answer;
    return requests;
  }

  it("finds the one ticket far down by itself, says it is searching, then stops and lets the user go on", async () => {
    await withPage(browser, "bounded-search-found", async (page) => {
      const requests = await search(page, "rh");
      await page.locator(`[data-testid="ticket-row"][data-folio="${folioOf(MATCH)}"]`).waitFor();
      const paused = page.getByTestId("search-paused");
      await paused.waitFor();
      expect(await paused.textContent()).toContain(
        "Esta búsqueda no la resuelve el índice (palabras de menos de 3 letras, varias que casi nunca van juntas, o una muy común que solo tienen los tickets recientes, como el año de un folio): se revisaron al menos 100,000 tickets.",
      );
      expect(await folios(page)).toEqual([folioOf(MATCH)]);
      await shot(page, "bounded-search-paused");
      const seen = await seenOf(page);
      expect(seen.empty).toBe(0);
      expect(seen.progress[0]).toBe("Buscando en más tickets… (revisados al menos 5,000)");
      // Bounded: the search and its continuations, and nothing more by itself.
      await page.waitForTimeout(1000);
      expect(requests()).toBe(ROUND);
      expect(await page.getByRole("button", { name: "Cargar más" }).count()).toBe(0);

      await page.getByRole("button", { name: "Seguir buscando" }).click();
      await paused.waitFor({ state: "detached" });
      await page.getByTestId("search-progress").waitFor({ state: "detached" });
      expect(requests()).toBe(ROUND + 1);
      expect(await folios(page)).toEqual([folioOf(MATCH)]);
      expect((await seenOf(page)).empty).toBe(0);
      expect(await page.getByRole("button", { name: /Seguir buscando|Cargar más/ }).count()).toBe(0);
      // Coming back to the tab refreshes ordinary lists (see the paging test), not this one: it would
      // walk its 105,000 tickets again. The list says so.
      await backToTab(page);
      await page.waitForTimeout(1000);
      expect(requests()).toBe(ROUND + 1);
      expect(await page.getByTestId("search-not-live").textContent()).toContain("no se actualiza sola");
    });
  });

  it("a word no ticket has: explains instead of «Sin resultados.» until the search has ended", async () => {
    await withPage(browser, "bounded-search-none", async (page) => {
      const requests = await search(page, "qz");
      await page.getByTestId("search-paused").waitFor();
      await page.waitForTimeout(1000);
      expect(requests()).toBe(ROUND);
      expect(await folios(page)).toEqual([]);
      expect((await seenOf(page)).empty).toBe(0);
      expect(await page.getByText("Sin resultados.").count()).toBe(0);

      await page.getByRole("button", { name: "Seguir buscando" }).click();
      // The last 2,500 tickets: the search has ended, and found nothing.
      await page.getByText("Sin resultados.").waitFor();
      expect(requests()).toBe(ROUND + 1);
      expect(await page.getByTestId("search-paused").count()).toBe(0);
      expect(await page.getByTestId("search-progress").count()).toBe(0);
    });
  });

  it("a word the index helps pages as before: 50, then «Cargar más» for 50 more", async () => {
    await withPage(browser, "bounded-search-paging", async (page) => {
      const requests = await search(page, "equipo");
      await page.getByRole("button", { name: "Cargar más" }).waitFor();
      expect(await folios(page)).toHaveLength(50);
      await page.getByRole("button", { name: "Cargar más" }).click();
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="ticket-row"]').length === 100,
      );
      expect(requests()).toBe(2);
      expect(await folios(page)).toEqual(Array.from({ length: 100 }, (_, i) => folioOf(i)));
      expect((await seenOf(page)).progress).toEqual([]);
      // An ordinary list refreshes when the user comes back to the tab: both its pages again.
      await backToTab(page);
      await expect.poll(requests).toBe(4);
      expect(await page.getByTestId("search-not-live").count()).toBe(0);
    });
  });
});
