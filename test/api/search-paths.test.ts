import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchTerms } from "../../src/domain/text.js";
import { likePatterns } from "../../src/server/modules/clients/repository.js";
import { listPage, type SearchPath, trigramCap } from "../../src/server/modules/tickets/list-repository.js";
import type { TicketFilter } from "../../src/server/modules/tickets/repository.js";
import { searchCandidates, searchPlan } from "../../src/server/modules/tickets/search-plan-repository.js";
import {
  noteTogether,
  trigramPlan,
  trigramsOf,
} from "../../src/server/modules/tickets/trigram-search-repository.js";
import type { DB } from "../../src/server/platform/database/schema.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";
import { bareTicketRow } from "../support/ticket-rows.js";

/**
 * SQLite finds a search's page one of three ways, chosen by how many tickets the index gives as
 * candidates (list-repository.ts): LIKE on a walk of the tickets' queue, the candidates read and
 * ordered, or a walk of the search docs' queue index keeping the candidates. PostgreSQL one of two:
 * the walk, or the candidates of the rarest trigrams read and ordered — and when there are more than
 * its cap, the walk after all. Each must give the same pages, with every filter and cursor, whichever
 * the choice.
 */
const ROWS = 1500;
const STATUSES = ["new", "assigned", "in_progress", "attended", "closed"] as const;
const AT = "2026-03-01T12:00:00.000Z";

function ticket(i: number, clients: string[], tech: string) {
  const words = [
    i % 3 === 0 ? "alfa" : "",
    [5, 8].includes(i % 50) ? "bravo" : "",
    [10, 13].includes(i % 500) ? "sincronizacion" : "",
    i % 2 === 0 ? "impresora" : "red",
  ].join(" ");
  const text = `os-2026-${String(i).padStart(6, "0")} ${words}`;
  return bareTicketRow({
    id: `t-${String((i * 7919) % ROWS).padStart(6, "0")}`, // ids not in the order of their deadlines
    folio: `OS-2026-${String(i).padStart(6, "0")}`,
    client_id: clients[i % clients.length]!,
    urgent: i % 5 === 0 ? 1 : 0,
    status: STATUSES[i % STATUSES.length]!,
    assignee_id: i % 4 === 0 ? tech : null,
    text,
    at: AT,
    // Ties of deadline (every 3 tickets share one), broken by id.
    response_due_at: new Date(Date.parse(AT) + Math.floor(i / 3) * 60_000).toISOString(),
    responded_at: i % 6 === 0 ? new Date(Date.parse(AT) + i * 30_000).toISOString() : null,
  });
}

async function seed(t: TestApp, clients: string[], tech: string) {
  const db = t.app.ctx.db;
  for (const id of clients)
    await db
      .insertInto("clients")
      .values({
        id,
        name: `Cliente ${id}`,
        rfc: null,
        phone: null,
        email: null,
        billing_address: null,
        payment_terms: "cash",
        credit_days: null,
        credit_limit_cents: null,
        credit_approved_by: null,
        credit_approved_at: null,
        account_technician_id: null,
        notes: null,
        search_text: `cliente ${id}`,
        created_at: AT,
        updated_at: AT,
      })
      .execute();
  await db
    .insertInto("users")
    .values({
      id: tech,
      email: "t@encor.mx",
      name: "Técnico",
      password_hash: null,
      roles: '["technician"]',
      skills: "[]",
      client_id: null,
      locale: "es-MX",
      active: 1,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  const rows = Array.from({ length: ROWS }, (_, i) => ticket(i, clients, tech));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("tickets")
      .values(rows.slice(i, i + 500))
      .execute();
}

type PathName = "ranges" | "candidates" | "walk" | "trigram" | "trigram past its cap";
const PATHS: Record<string, PathName[]> = {
  sqlite: ["candidates", "walk"],
  postgres: ["trigram", "trigram past its cap"],
};

describe.each(DATABASES)("search paths on %s", (kind) => {
  let t: TestApp;
  const clients = ["c-a", "c-b", "c-c"];
  const tech = "u-paths";

  beforeAll(async () => {
    t = await startApp(kind);
    await seed(t, clients, tech);
  });
  afterAll(async () => t?.close());

  /** Every page of a search, following the cursor, by one path: the ids in order. */
  async function allPages(f: Omit<TicketFilter, "limit" | "after">, path?: PathName) {
    const db = t.app.ctx.db;
    const patterns = likePatterns(f.terms);
    let forced: SearchPath | undefined;
    if (path === "ranges") forced = { kind: "ranges" };
    if (path?.startsWith("trigram")) {
      // Whatever the estimates say, the candidates of the term's first trigrams (all found: cap ROWS),
      // or too many of them (cap 3: the page must come from the walk).
      const grams = trigramsOf(patterns).slice(0, 3);
      if (!grams.length) return null;
      const cap = path === "trigram" ? ROWS : 3;
      forced = { kind: "trigram", grams: grams.map((g) => `%${g}%`), cap };
    }
    const plan = kind === "sqlite" ? await searchPlan(db, patterns, () => ROWS) : null;
    if ((path === "candidates" || path === "walk") && !plan) return null; // no trigram: only LIKE can search
    if (path === "walk" && plan) forced = { kind: "walk", match: plan.match };
    if (path === "candidates" && plan) {
      const found = await searchCandidates(db, plan.match, 2000);
      if (!found) throw new Error("more candidates than the cap");
      forced = { kind: "candidates", ids: found.ids, n: Number(found.n) };
    }
    const ids: string[] = [];
    let after: TicketFilter["after"];
    for (;;) {
      const page = await listPage(db, { ...f, limit: 51, after }, forced);
      ids.push(...page.slice(0, 50).map((r) => r.id));
      if (page.length <= 50) return ids;
      const last = page[49]!;
      after = { urgent: last.urgent, due: last.response_due_at, id: last.id };
    }
  }

  // The caps are square roots of the index's size: at 100,000 tickets √ is 316.2…, which SQLite
  // refuses as a LIMIT ("datatype mismatch"), so every search of a word past 300 candidates failed.
  it.runIf(kind === "sqlite")("a cap that is not a whole number finds the candidates up to it", async () => {
    const db = t.app.ctx.db;
    const plan = await searchPlan(db, likePatterns(searchTerms("sincronizacion")), () => ROWS);
    const all = await searchCandidates(db, plan!.match, 2000);
    const n = Number(all!.n);
    expect(n).toBeGreaterThan(2);
    expect(Number((await searchCandidates(db, plan!.match, n + 0.5))!.n)).toBe(n);
    expect(await searchCandidates(db, plan!.match, n - 0.5)).toBeNull();
  });

  const filters: [string, Omit<TicketFilter, "limit" | "after" | "terms">][] = [
    ["no filter", {}],
    ["urgent", { urgent: true }],
    ["not urgent", { urgent: false }],
    ["statuses", { statuses: ["new", "assigned"] }],
    ["client", { clientId: "c-b" }],
    ["assignee", { assigneeId: tech }],
    ["unassigned", { unassigned: true }],
    ["breached", { breachedAt: { now: "2026-03-02T00:00:00.000Z", breached: true } }],
  ];
  const queries = [
    "alfa",
    "bravo",
    "sincronizacion",
    "impresora",
    "bravo alfa",
    "red sincronizacion",
    "zzzz",
    "OS-2026-001404",
    "2026-0014",
  ];

  it.each(queries)("q=%s: the same pages whichever the path, with every filter", async (q) => {
    for (const [label, filter] of filters) {
      const f = { ...filter, terms: searchTerms(q) };
      const expected = await allPages(f, "ranges");
      if (q !== "zzzz" && label === "no filter")
        expect(expected?.length, `${q}, ${label}`).toBeGreaterThan(0);
      for (const path of [...PATHS[kind]!, undefined])
        expect(await allPages(f, path), `${q}, ${label}, ${path ?? "chosen"}`).toEqual(expected);
    }
  });

  it("estimates at most 8 trigrams of a long word, from its start to its end", () => {
    expect(trigramsOf(["%os-2026-001404%"]).sort()).toEqual(["001", "014", "026", "140", "202", "404"]);
    const long = trigramsOf([`%${"sincronizacion".repeat(14)}%`]);
    expect(long.length).toBeLessThanOrEqual(8);
    expect(long[0]).toBe("sin");
    expect(long.at(-1)).toBe("ion");
    expect(trigramsOf(["%rh%", "%a-b%"])).toEqual([]);
  });

  // Each trigram estimated is a LIKE on every sampled row (~10,000): 8 long words gave 64, a word of
  // 50 runs ("abc.abd.…") 50 — 0.25 s of the database per search at 340 characters a ticket, 4 s at
  // 3,800, with new trigrams at every request. At most 16, taken from every word in turn.
  it("estimates at most 16 trigrams of a search, some of every word", () => {
    const words = Array.from(
      { length: 8 },
      (_, i) => `${"abcdefgh"[i]}${"qwertyuiopasdfghjklzxcvb".slice(i)}`,
    );
    const grams = trigramsOf(likePatterns(words));
    expect(grams.length).toBeLessThanOrEqual(16);
    for (const w of words)
      expect(
        grams.some((g) => w.includes(g)),
        w,
      ).toBe(true);
    const runs = Array.from({ length: 50 }, (_, i) => `a${String(i).padStart(2, "0")}`).join(".");
    expect(trigramsOf([`%${runs}%`]).length).toBeLessThanOrEqual(16);
  });

  // A folio's digits: each trigram in several tickets, together in one; its year's in every ticket.
  it.runIf(kind === "postgres")("asks the index only for a search's rarest trigrams", async () => {
    const plan = await trigramPlan(
      t.app.ctx.db,
      likePatterns(searchTerms("OS-2026-001404")),
      false,
      trigramCap,
    );
    expect(plan?.grams).toHaveLength(3);
    for (const everywhere of ["%202%", "%026%"]) expect(plan?.grams).not.toContain(everywhere);
    expect(await trigramPlan(t.app.ctx.db, likePatterns(searchTerms("os zz")), false, trigramCap)).toBeNull();
  });

  // Too many candidates for a search without filters says nothing of one with a filter or cursor;
  // too many for a narrowed search holds for every search of the same words.
  it.runIf(kind === "postgres")("remembers too many candidates only for searches no narrower", async () => {
    const pool = new pg.Pool({ connectionString: t.db.env.DATABASE_URL, max: 1 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }); // its own remembered stats
    try {
      const words = likePatterns(searchTerms("impresora"));
      const plan = await trigramPlan(db, words, false, trigramCap);
      expect(plan).not.toBeNull();
      await noteTogether(db, plan!, false);
      expect(await trigramPlan(db, words, false, trigramCap)).toBeNull();
      expect(await trigramPlan(db, words, true, trigramCap)).toEqual(plan);
      await noteTogether(db, plan!, true);
      expect(await trigramPlan(db, words, true, trigramCap)).toBeNull();
      await noteTogether(db, plan!, false); // a later broad search does not undo it
      expect(await trigramPlan(db, words, true, trigramCap)).toBeNull();
    } finally {
      await db.destroy();
    }
  });
});
