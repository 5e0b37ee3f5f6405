/**
 * New tickets written together (issue #16): creates that arrive while another is being written share
 * one statement on PostgreSQL (new-ticket-group.ts) and one transaction on SQLite (group commit). The
 * folios stay consecutive and gapless, a write the database refuses fails alone, and the summary rows
 * the group adds up equal a rebuild from the tickets.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestSummaryRebuild, summaryReady } from "../../src/server/modules/reports/summary-rebuild.js";
import { MOST_TOGETHER } from "../../src/server/modules/tickets/new-ticket-group.js";
import {
  folioPlaceholder,
  type NewTicketWrite,
  writeNewTicket,
} from "../../src/server/modules/tickets/new-ticket-repository.js";
import { historyRepo, type TicketRow } from "../../src/server/modules/tickets/repository.js";
import { newId } from "../../src/server/platform/ids.js";
import { runDueTasks } from "../../src/server/platform/tasks/worker.js";
import { type Staff, seedStaff } from "../fixtures.js";
import { countQueries, DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { allSummaries } from "./report-summaries.js";

const folio = (n: number) => `OS-2026-${String(n).padStart(6, "0")}`;

describe.each(DATABASES)("new tickets written together on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let clients: { clientId: string; contactId: string }[];
  const time = manualClock("2026-03-10T16:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    clients = [];
    // Contacts without an e-mail: a create that queues an auto-reply is written in a transaction of
    // its own (it waits on the address's hourly limit), not with the others.
    for (const [name, rfc] of [
      ["Constructora Ñandú", "CÑA010203AB5"],
      ["Otra Empresa", "OEM020304CD9"],
    ] as const) {
      const client = await s.reception.post("/api/clients", { name, rfc });
      const contact = await s.reception.post("/api/contacts", {
        clientId: client.body.id,
        name: `Contacto de ${name}`,
      });
      expect([client.status, contact.status]).toEqual([201, 201]);
      clients.push({ clientId: client.body.id, contactId: contact.body.id });
    }
  });
  afterAll(async () => t?.close());

  /** A ticket's write as insertTicket makes it, from a ticket already written (its facts included). */
  const writeLike = (template: TicketRow, change: Partial<TicketRow> = {}): NewTicketWrite => {
    const id = newId();
    const placeholder = folioPlaceholder();
    return {
      year: 2026,
      placeholder,
      row: { ...template, ...change, id, folio: placeholder, search_text: `${placeholder} falla de red` },
      history: [
        historyRepo.row({
          ticketId: id,
          at: template.created_at,
          actorId: template.created_by,
          action: "create",
          to: "new",
        }),
      ],
      mail: null,
    };
  };

  /** The summary rows kept create by create equal those rebuilt from the tickets. */
  const expectSummaryAsRebuilt = async () => {
    const ctx = t.app.ctx;
    const kept = await allSummaries(ctx.db);
    await ctx.db.deleteFrom("report_summary_state").execute();
    expect(await requestSummaryRebuild(ctx)).toBe("queued");
    expect(await runDueTasks(ctx)).toMatchObject({ claimed: 1, done: 1 });
    expect(await summaryReady(ctx)).toBe(true);
    expect(await allSummaries(ctx.db)).toEqual(kept);
  };

  const aTicket = async () =>
    (await t.app.ctx.db.selectFrom("tickets").selectAll().limit(1).executeTakeFirstOrThrow()) as TicketRow;

  it("numbers concurrent creates of several clients consecutively; their summary equals a rebuild", async () => {
    const counted = countQueries(t.app);
    const calls = Array.from({ length: 3 * MOST_TOGETHER }, (_, i) => {
      const c = clients[i % 2]!;
      return s.reception.post("/api/tickets", {
        ...c,
        title: `Falla ${i}`,
        description: "",
        urgent: i % 3 === 0,
        channel: "phone",
      });
    });
    const results = await Promise.all(calls);
    expect(results.map((r) => r.status)).toEqual(calls.map(() => 201));
    // PostgreSQL wrote them together: fewer statements than creates.
    if (kind === "postgres")
      expect(counted.ran.filter((r) => r.includes("folio_counters")).length).toBeLessThan(calls.length);
    const folios = results.map((r) => r.body.folio as string).sort();
    expect(folios).toEqual(Array.from({ length: calls.length }, (_, i) => folio(i + 1)));
    // Each answer is its own ticket, as stored.
    for (const r of results.slice(0, 5)) {
      const read = await s.reception.get(`/api/tickets/${r.body.id}`);
      expect({ folio: read.body.folio, title: read.body.title }).toEqual({
        folio: r.body.folio,
        title: r.body.title,
      });
    }
    const found = await s.reception.get(`/api/tickets?q=${results[7]!.body.folio}`);
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([results[7]!.body.id]);

    await expectSummaryAsRebuilt();
  });

  it("a write the database refuses fails alone; the others keep consecutive folios", async () => {
    const ctx = t.app.ctx;
    const template = await aTicket();
    const next = (
      await ctx.db
        .selectFrom("tickets")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;
    const writes = [
      writeLike(template),
      writeLike(template, { client_id: clients[1]!.clientId, contact_id: clients[1]!.contactId }),
      writeLike(template, { client_id: newId() }), // no such client: the foreign key refuses it
      writeLike(template, { urgent: 1 }),
      writeLike(template),
      writeLike(template),
    ];
    // All in one tick: the first is written at once, the others wait for it and go together.
    const settled = await Promise.allSettled(writes.map((w) => writeNewTicket(t.app.ctx, w)));
    expect(settled.map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    const written = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value.folio] : []));
    expect(written.sort()).toEqual([1, 2, 3, 4, 5].map((i) => folio(Number(next) + i)));
    expect(
      await ctx.db.selectFrom("tickets").select("id").where("id", "=", writes[2]!.row.id).execute(),
    ).toEqual([]);
  });

  it.runIf(kind === "postgres")("writes creates that arrive together in one statement", async () => {
    const ctx = t.app.ctx;
    const template = await aTicket();
    const counted = countQueries(t.app);
    const writes = Array.from({ length: MOST_TOGETHER + 3 }, () => writeLike(template));
    const rows = await Promise.all(writes.map((w) => writeNewTicket(t.app.ctx, w)));
    // One alone, then as many as one statement takes, then the rest.
    expect(counted.ran.filter((r) => r.includes("folio_counters"))).toHaveLength(3);
    const numbers = rows.map((r) => Number(r.folio.slice(-6)));
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
    const stored = await ctx.db
      .selectFrom("tickets")
      .select(["id", "folio", "search_text"])
      .where(
        "id",
        "in",
        writes.map((w) => w.row.id),
      )
      .execute();
    for (const row of rows) {
      expect(stored.find((r) => r.id === row.id)).toEqual({
        id: row.id,
        folio: row.folio,
        search_text: `${row.folio.toLowerCase()} falla de red`,
      });
    }
    await expectSummaryAsRebuilt();
  });

  it("numbers each year's creates from its own counter when years arrive mixed", async () => {
    const template = await aTicket();
    const years = [2026, 2027, 2026, 2027, 2026, 2026];
    const writes = years.map((year) => ({ ...writeLike(template), year }));
    const rows = await Promise.all(writes.map((w) => writeNewTicket(t.app.ctx, w)));
    const of = (year: number) => rows.filter((_, i) => years[i] === year).map((r) => r.folio);
    expect(of(2027)).toEqual(["OS-2027-000001", "OS-2027-000002"]);
    const numbers = of(2026).map((f) => Number(f.slice(-6)));
    expect(of(2026).every((f) => f.startsWith("OS-2026-"))).toBe(true);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
  });

  it.runIf(kind === "postgres")(
    "an error that may come after the commit is not written again: every create of the group gets it",
    async () => {
      const ctx = t.app.ctx;
      const template = await aTicket();
      let attempts = 0;
      const failing = ctx.db.withPlugin({
        transformQuery: (args) => {
          if (JSON.stringify(args.node).includes('"folio_counters"')) {
            attempts++;
            throw new Error("Query read timeout");
          }
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      const count = async () =>
        Number((await sql<{ n: string }>`select count(*) as n from tickets`.execute(ctx.db)).rows[0]!.n);
      const before = await count();
      const writes = Array.from({ length: 5 }, () => writeLike(template));
      const settled = await Promise.allSettled(writes.map((w) => writeNewTicket({ ...ctx, db: failing }, w)));
      expect(settled.map((r) => r.status)).toEqual(writes.map(() => "rejected"));
      // Once alone, once the four after it together: none of them again alone.
      expect(attempts).toBe(2);
      expect(await count()).toBe(before);
    },
  );
});
