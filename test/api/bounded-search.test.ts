import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchTerms } from "../../src/domain/text.js";
import { boundedPage, listPage, WALK_BUDGET } from "../../src/server/modules/tickets/list-repository.js";
import type { TicketFilter } from "../../src/server/modules/tickets/repository.js";
import type { Res } from "../client.js";
import { clientUser, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";
import { bareTicketRow } from "../support/ticket-rows.js";

/**
 * A search no index can help (every word under 3 letters or digits: "rh", "pc") walks at most
 * WALK_BUDGET tickets per request. When they hold fewer than a page, the answer says so (`partial`)
 * and its cursor goes on after them: following it finds every match, in queue order, once.
 */
const AT = "2026-03-01T12:00:00.000Z";
const STATUSES = ["new", "assigned", "in_progress", "attended", "closed"] as const;

type Row = { id: string; urgent: number; response_due_at: string };
const keysOf = (r: Row) => ({ urgent: Number(r.urgent), due: r.response_due_at, id: r.id });

function rows(n: number, clientId: string, tech: string, words: (i: number) => string) {
  return Array.from({ length: n }, (_, i) =>
    bareTicketRow({
      id: `t-${String((i * 7919) % n).padStart(6, "0")}`, // ids not in the order of their deadlines
      folio: `OS-2026-${String(i).padStart(6, "0")}`,
      client_id: clientId,
      urgent: i % 5 === 0 ? 1 : 0,
      status: STATUSES[i % STATUSES.length]!,
      assignee_id: i % 4 === 0 ? tech : null,
      text: `ticket ${words(i)}`,
      at: AT,
      // Ties of deadline (every 3 tickets share one), broken by id.
      response_due_at: new Date(Date.parse(AT) + Math.floor(i / 3) * 60_000).toISOString(),
    }),
  );
}

async function insertAll(t: TestApp, all: ReturnType<typeof rows>) {
  for (let i = 0; i < all.length; i += 500)
    await t.app.ctx.db
      .insertInto("tickets")
      .values(all.slice(i, i + 500))
      .execute();
}

describe.each(DATABASES)("searches no index helps, on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let clientId = "";

  beforeAll(async () => {
    t = await startApp(kind);
    s = await seedStaff(t.app);
    const c = await s.reception.post("/api/clients", { name: "Cliente Acotado" });
    expect(c.status).toBe(201);
    clientId = c.body.id;
  });
  afterAll(async () => t?.close());

  describe("followed page by page with a small budget", () => {
    const N = 1200;
    const BUDGET = 97;
    beforeAll(async () => {
      // "rh" in 1 ticket of 60, "pc" in 3 of 4: rare and common words without a trigram; "lejano"
      // (a word the index knows) only in the last tickets, far past the budget.
      await insertAll(
        t,
        rows(
          N,
          clientId,
          s.technician.user!.id,
          (i) => `${i % 60 === 7 ? "rh" : ""} ${i % 4 ? "pc" : "x"}${i >= N - 100 ? " lejano" : ""}`,
        ),
      );
    });

    /** Every page by boundedPage, following its cursor or where it stopped: ids, and each page's size. */
    async function bounded(f: Omit<TicketFilter, "limit" | "after">) {
      const ids: string[] = [];
      const sizes: number[] = [];
      let after: TicketFilter["after"];
      for (let guard = 0; guard < 200; guard++) {
        const { rows: page, stoppedAt } = await boundedPage(t.app.ctx.db, { ...f, limit: 51, after }, BUDGET);
        ids.push(...page.slice(0, 50).map((r) => r.id));
        sizes.push(Math.min(page.length, 50));
        if (page.length > 50) after = keysOf(page[49]!);
        else if (stoppedAt) after = stoppedAt;
        else return { ids, sizes };
      }
      throw new Error("the cursor did not advance");
    }

    /** The same search walked without a bound: the expected answer. */
    async function unbounded(f: Omit<TicketFilter, "limit" | "after">) {
      const ids: string[] = [];
      let after: TicketFilter["after"];
      for (;;) {
        const page = await listPage(t.app.ctx.db, { ...f, limit: 51, after }, { kind: "ranges" });
        ids.push(...page.slice(0, 50).map((r) => r.id));
        if (page.length <= 50) return ids;
        after = keysOf(page[49]!);
      }
    }

    const filters: [string, Omit<TicketFilter, "limit" | "after" | "terms">][] = [
      ["no filter", {}],
      ["urgent", { urgent: true }],
      ["not urgent", { urgent: false }],
      ["statuses", { statuses: ["new", "attended"] }],
      ["client", { clientId: "" }],
      ["assignee", { assigneeId: "" }],
      ["unassigned", { unassigned: true }],
      ["breached", { breachedAt: { now: "2026-03-01T20:00:00.000Z", breached: true } }],
    ];

    it.each(["rh", "pc", "rh pc", "ticket rh", "pc ticket"])(
      "q=%s: every match once, in queue order, whatever the filter",
      async (q) => {
        for (const [label, filter] of filters) {
          const f = {
            ...filter,
            clientId: filter.clientId === "" ? clientId : undefined,
            assigneeId: filter.assigneeId === "" ? s.technician.user!.id : undefined,
            terms: searchTerms(q),
          };
          const expected = await unbounded(f);
          if (label === "no filter") expect(expected.length, q).toBeGreaterThan(0);
          const got = await bounded(f);
          expect(got.ids, `${q}, ${label}`).toEqual(expected);
          // A rare word stops short of a page; a common one fills its pages as before.
          if (q === "rh" && label === "no filter") expect(got.sizes.some((n) => n < 50 && n >= 0)).toBe(true);
          if (q === "pc" && label === "no filter")
            expect(got.sizes.slice(0, -1).every((n) => n === 50)).toBe(true);
        }
      },
    );

    it("walks no further than the budget: where it stops is the budget-th ticket of the filter", async () => {
      const f = { terms: searchTerms("zz"), statuses: ["new", "attended"] as const, limit: 51 };
      const { rows: none, stoppedAt } = await boundedPage(t.app.ctx.db, f, BUDGET);
      expect(none).toEqual([]);
      const queue = await listPage(t.app.ctx.db, { terms: [], statuses: f.statuses, limit: BUDGET });
      expect(stoppedAt).toEqual(keysOf(queue[BUDGET - 1]!));
      // Breached narrows the page, not the walk: with none breached, it still stops at the budget.
      const breachedAt = { now: "2026-01-01T00:00:00.000Z", breached: true };
      const narrowed = await boundedPage(t.app.ctx.db, { ...f, breachedAt }, BUDGET);
      expect([narrowed.rows, narrowed.stoppedAt]).toEqual([[], keysOf(queue[BUDGET - 1]!)]);
    });

    it("stops at the budget-th ticket past the cursor, across the urgent and the other tickets", async () => {
      const queue = await listPage(t.app.ctx.db, { terms: [], limit: N });
      const urgent = queue.filter((r) => Number(r.urgent) === 1).length;
      // From the start, from a cursor 10 tickets before the urgent ones end (the stop is then among
      // the others), and from one among the others; with and without the urgent filter.
      for (const at of [-1, urgent - 11, urgent + 20]) {
        const after = at < 0 ? undefined : keysOf(queue[at]!);
        for (const urgentOnly of [undefined, true, false]) {
          const walked = queue
            .slice(at + 1)
            .filter((r) => urgentOnly === undefined || Number(r.urgent) === +urgentOnly);
          const { rows: none, stoppedAt } = await boundedPage(
            t.app.ctx.db,
            { terms: searchTerms("zz"), limit: 51, after, urgent: urgentOnly },
            BUDGET,
          );
          expect(none).toEqual([]);
          expect(stoppedAt, `from ${at}, urgent ${urgentOnly}`).toEqual(
            walked[BUDGET - 1] ? keysOf(walked[BUDGET - 1]!) : null,
          );
        }
      }
    });

    it("one word the index knows is not bounded: it finds its page however far", async () => {
      const { rows: page, stoppedAt } = await boundedPage(
        t.app.ctx.db,
        { terms: searchTerms("lejano"), limit: 51 },
        BUDGET,
      );
      expect(stoppedAt).toBeNull();
      expect(page).toHaveLength(51);
    });
  });

  describe("over HTTP", () => {
    let bigId = "";
    beforeAll(async () => {
      // A second client's tickets, so the first describe's do not count: the budget, then the match.
      const c = await s.reception.post("/api/clients", { name: "Cliente Grande" });
      bigId = c.body.id;
      const big = rows(WALK_BUDGET + 30, bigId, s.technician.user!.id, (i) =>
        i === WALK_BUDGET + 21 ? "qz" : "",
      ).map((r) => ({ ...r, id: `big-${r.id}`, folio: `OS-2025-${r.folio.slice(-6)}` }));
      await insertAll(t, big);
    });

    it("a page past the budget comes back empty and partial, and its cursor finds the match", async () => {
      const path = `/api/tickets?clientId=${bigId}&q=qz`;
      const first = await s.reception.get(path);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ items: [], partial: true });
      expect(typeof first.body.nextCursor).toBe("string");
      const second = await s.reception.get(`${path}&cursor=${first.body.nextCursor}`);
      expect(second.status).toBe(200);
      expect(second.body.items.map((x: { folio: string }) => x.folio)).toEqual([
        `OS-2025-${String(WALK_BUDGET + 21).padStart(6, "0")}`,
      ]);
      expect([second.body.partial, second.body.nextCursor]).toEqual([false, null]);
      // An ordinary page says it is whole.
      const queue = await s.reception.get(`/api/tickets?clientId=${bigId}&limit=5`);
      expect(queue.body.partial).toBe(false);
      expect(queue.body.items).toHaveLength(5);
    });

    it("a client contact's search walks its company's tickets only: no page or cursor names another's", async () => {
      const ids = async (client: string, word: string) =>
        (
          await t.app.ctx.db
            .selectFrom("tickets")
            .select(["id", "search_text"])
            .where("client_id", "=", client)
            .execute()
        )
          .filter((r) => r.search_text.includes(word))
          .map((r) => r.id);
      // The small company's contact: its 1,200 tickets are under the budget, so the walk ends with them
      // (counted over the whole queue, it would stop at the big company's 5,000th and name it).
      // The big company's contact: cut short, each cursor at one of its own tickets.
      for (const [client, email, word] of [
        [clientId, "contacto@acotado.mx", "rh"],
        [bigId, "contacto@grande.mx", "qz"],
      ] as const) {
        const contact = await clientUser(s, client, email);
        const own = new Set(await ids(client, ""));
        const found: string[] = [];
        const named: string[] = [];
        let cursor: string | null = null;
        do {
          const r: Res = await contact.get(
            `/api/tickets?q=${word}&limit=50${cursor ? `&cursor=${cursor}` : ""}`,
          );
          expect(r.status).toBe(200);
          found.push(...r.body.items.map((x: { id: string }) => x.id));
          cursor = r.body.nextCursor;
          if (cursor) named.push(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))[2]);
        } while (cursor);
        expect(found.sort(), email).toEqual((await ids(client, word)).sort());
        expect(
          named.filter((id) => !own.has(id)),
          email,
        ).toEqual([]);
        expect(named.length > 0, email).toBe(client === bigId);
      }
    });
  });
  describe("a short word beside a common one, on a fresh app", () => {
    let other: TestApp;
    let reception: Staff["reception"];
    /** The folios of the tickets holding "reciente", in queue order. */
    let recent: string[] = [];
    beforeAll(async () => {
      // Its own app, so the word counts it estimates are of these tickets only: "ticket" in all
      // (past the candidates of both databases' indexes), "qz" in one past the budget.
      other = await startApp(kind);
      const staff = await seedStaff(other.app);
      reception = staff.reception;
      const c = await reception.post("/api/clients", { name: "Cliente Común" });
      // "reciente" (SQLite: past the walk's candidates) only in the less urgent of the last tickets,
      // which the queue order puts after the first WALK_BUDGET: a word common only in recent tickets.
      const all = rows(WALK_BUDGET + 3500, c.body.id, staff.technician.user!.id, (i) =>
        i === WALK_BUDGET + 21 ? "qz" : i % 5 !== 0 && i >= 4500 ? "reciente" : "",
      );
      recent = all
        .filter((r) => r.search_text.includes("reciente"))
        .sort(
          (a, b) =>
            b.urgent - a.urgent ||
            a.response_due_at.localeCompare(b.response_due_at) ||
            (a.id < b.id ? -1 : 1),
        )
        .map((r) => r.folio);
      await insertAll(other, all);
    });
    afterAll(async () => other?.close());

    it("walks no further than the budget: an empty partial page, then the match", async () => {
      const path = `/api/tickets?q=${encodeURIComponent("ticket qz")}`;
      const first = await reception.get(path);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ items: [], partial: true });
      const second = await reception.get(`${path}&cursor=${first.body.nextCursor}`);
      expect(second.body.items.map((x: { folio: string }) => x.folio)).toEqual([
        `OS-2026-${String(WALK_BUDGET + 21).padStart(6, "0")}`,
      ]);
      expect([second.body.partial, second.body.nextCursor]).toEqual([false, null]);
      // One common word alone still answers a whole page (a sanity check: in these tickets, all holding
      // it, a bounded walk would fill the page too).
      const common = await reception.get("/api/tickets?q=ticket&limit=50");
      expect([common.body.items.length, common.body.partial]).toEqual([50, false]);
    });

    it("a word common only in recent tickets: SQLite walks no further than the budget, then finds them", async () => {
      const pages: { items: { folio: string }[]; partial: boolean; nextCursor: string | null }[] = [];
      let cursor = "";
      while (pages.flatMap((p) => p.items).length < 50 && pages.length < 5) {
        const r = await reception.get(`/api/tickets?q=reciente&limit=50${cursor && `&cursor=${cursor}`}`);
        expect(r.status).toBe(200);
        pages.push(r.body);
        cursor = r.body.nextCursor;
      }
      expect(pages.flatMap((p) => p.items.map((x) => x.folio))).toEqual(recent.slice(0, 50));
      // PostgreSQL walks one indexed word unbounded (see walksUnbounded): its page comes at once.
      expect(pages.map((p) => [p.items.length, p.partial])).toEqual(
        kind === "sqlite"
          ? [
              [0, true],
              [50, false],
            ]
          : [[50, false]],
      );
    });
  });
});
