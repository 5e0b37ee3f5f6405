import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BILLING_JOB } from "../../src/server/modules/billing/job.js";
import { runPeriod } from "../../src/server/modules/billing/run.js";
import { runDueJobs } from "../../src/server/platform/jobs/runner.js";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, freshDatabase, manualClock, startApp, type TestApp, type TestDb } from "../harness.js";
import { attendedTicket, newClient, newContract, review } from "../support/billing.js";

const invoicesPerContract = async (t: TestApp) =>
  (await t.app.ctx.db.selectFrom("invoices").select("contract_id").where("kind", "=", "contract").execute())
    .map((r) => r.contract_id)
    .sort();

/** A contract's transaction fails midway (a trigger refuses its billed tickets after its invoice was inserted). */
async function failBillingOf(t: TestApp, contractId: string) {
  const db = t.app.ctx.db;
  if (t.app.ctx.dialect === "sqlite") {
    await sql
      .raw(
        `create trigger fail_run before insert on invoice_tickets when new.contract_id = '${contractId}' begin select raise(abort, 'disk on fire'); end`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `create function fail_run() returns trigger as $$ begin if new.contract_id = '${contractId}' then raise exception 'disk on fire'; end if; return new; end $$ language plpgsql;
         create trigger fail_run before insert on invoice_tickets for each row execute function fail_run();`,
      )
      .execute(db);
  }
}

const healBilling = (t: TestApp) =>
  sql
    .raw(
      t.app.ctx.dialect === "sqlite" ? "drop trigger fail_run" : "drop trigger fail_run on invoice_tickets",
    )
    .execute(t.app.ctx.db);

describe.each(DATABASES)("contract runs on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const time = manualClock("2026-01-14T16:00:00Z");
  const contracts: string[] = [];

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    for (const name of ["Alfa", "Beta", "Gama"]) {
      const client = await newClient(s, `Cliente ${name}`, `${name.toLowerCase()}@cliente.mx`);
      const contract = await newContract(s, client, { includedMinutesPerMonth: 60 });
      const tk = await attendedTicket(s, { clientId: client, entries: [{ minutes: 90, mode: "remote" }] });
      await review(s, tk.id);
      contracts.push(contract);
    }
  });
  afterAll(() => t?.close());

  it("leaves a failed contract's invoice absent and the others whole; a re-run completes the period", async () => {
    time.set("2026-02-03T16:00:00Z");
    const beta = contracts[1]!;
    await failBillingOf(t, beta);
    const first = await runPeriod(t.app.ctx, "2026-02");
    expect(first.created).toBe(2);
    expect(first.failed.map((f) => f.contractId)).toEqual([beta]);
    expect(await invoicesPerContract(t)).toEqual([contracts[0], contracts[2]].sort());
    // Nothing of Beta's half-made invoice survived: no invoice row, no billed ticket.
    const billedBeta = await t.app.ctx.db
      .selectFrom("invoice_tickets")
      .selectAll()
      .where("contract_id", "=", beta)
      .execute();
    expect(billedBeta).toEqual([]);
    expect(
      (await t.app.ctx.db.selectFrom("billing_runs").selectAll().executeTakeFirst())?.completed_at,
    ).toBeNull();

    await healBilling(t);
    const before = await t.app.ctx.db
      .selectFrom("invoices")
      .select(["id", "folio", "total_cents"])
      .orderBy("folio")
      .execute();
    const again = await s.leader.post("/api/billing/runs", { period: "2026-02" });
    expect(again.body).toMatchObject({ created: 1, failed: [] });
    expect(again.body.items).toHaveLength(3);
    expect(await invoicesPerContract(t)).toEqual([...contracts].sort());
    // The first two are untouched; each bills 3,500.00 + 30 min over at 450.00 = 225.00.
    const after = await t.app.ctx.db
      .selectFrom("invoices")
      .select(["id", "folio", "total_cents"])
      .orderBy("folio")
      .execute();
    expect(after.slice(0, 2)).toEqual(before);
    expect(after.map((r) => Number(r.total_cents))).toEqual([432_100, 432_100, 432_100]); // 372,500 × 1.16
    expect(
      (await t.app.ctx.db.selectFrom("billing_runs").selectAll().executeTakeFirst())?.completed_at,
    ).not.toBeNull();
  });

  it("runs from the scheduled job only from the first business day of the month", async () => {
    // Sunday 1 Mar 2026 local: not yet. Monday 2 Mar: due.
    time.set("2026-03-01T18:00:00Z");
    await runDueJobs(t.app.ctx, [BILLING_JOB], "test");
    expect(
      await t.app.ctx.db
        .selectFrom("billing_runs")
        .select("period")
        .where("period", "=", "2026-03")
        .executeTakeFirst(),
    ).toBeUndefined();
    time.set("2026-03-02T16:00:00Z");
    await t.app.ctx.db
      .updateTable("jobs")
      .set({ last_run_at: null })
      .where("name", "=", BILLING_JOB.name)
      .execute();
    expect(await runDueJobs(t.app.ctx, [BILLING_JOB], "test")).toEqual([BILLING_JOB.name]);
    const march = await t.app.ctx.db
      .selectFrom("invoices")
      .select("contract_id")
      .where("period", "=", "2026-03")
      .execute();
    expect(march).toHaveLength(3);
  });
});

describe.runIf(DATABASES.includes("postgres"))("two instances on PostgreSQL", () => {
  let db: TestDb;
  let a: TestApp;
  let b: TestApp;
  const time = manualClock("2026-01-14T16:00:00Z");

  beforeAll(async () => {
    db = await freshDatabase("postgres");
    a = await startApp("postgres", { clock: time.clock, db });
    b = await startApp("postgres", { clock: time.clock, db });
    const s = await seedStaff(a.app);
    for (let i = 0; i < 6; i++) {
      const client = await newClient(s, `Cliente ${i}`, `c${i}@cliente.mx`);
      await newContract(s, client);
    }
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it("make each invoice once when both run the month together", async () => {
    time.set("2026-02-03T16:00:00Z");
    const outs = await Promise.all([
      runPeriod(a.app.ctx, "2026-02"),
      runPeriod(b.app.ctx, "2026-02"),
      runDueJobs(a.app.ctx, [BILLING_JOB], "a"),
      runDueJobs(b.app.ctx, [BILLING_JOB], "b"),
    ]);
    const [ra, rb] = outs;
    expect(ra.failed).toEqual([]);
    expect(rb.failed).toEqual([]);
    const rows = await invoicesPerContract(a);
    expect(rows).toHaveLength(6);
    expect(new Set(rows).size).toBe(6);
    const folios = await a.app.ctx.db.selectFrom("invoices").select("folio").orderBy("folio").execute();
    expect(folios.map((f) => f.folio)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `PF-2026-00000${n}`));
  });
});

describe.runIf(DATABASES.includes("postgres"))(
  "two instances on PostgreSQL, contracts with billed items",
  () => {
    let db: TestDb;
    let a: TestApp;
    let b: TestApp;
    const time = manualClock("2026-01-14T16:00:00Z");

    beforeAll(async () => {
      db = await freshDatabase("postgres");
      a = await startApp("postgres", { clock: time.clock, db });
      b = await startApp("postgres", { clock: time.clock, db });
      const s = await seedStaff(a.app);
      for (let i = 0; i < 6; i++) {
        const client = await newClient(s, `Cliente ${i}`, `c${i}@cliente.mx`);
        await newContract(s, client, { includedMinutesPerMonth: 60 });
        const tk = await attendedTicket(s, {
          clientId: client,
          entries: [{ minutes: 90, mode: "remote" }],
          charges: [{ kind: "spare_part", description: "Cable", quantity: 1, unitPriceCents: 10_000 }],
        });
        await review(s, tk.id);
      }
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await db?.drop();
    });

    it("bill each ticket, charge and overage once, in one invoice per contract with gapless folios", async () => {
      time.set("2026-02-03T16:00:00Z");
      const [ra, rb] = await Promise.all([runPeriod(a.app.ctx, "2026-02"), runPeriod(b.app.ctx, "2026-02")]);
      expect([ra.failed, rb.failed]).toEqual([[], []]);
      expect(ra.created + rb.created).toBe(6);
      const q = a.app.ctx.db;
      const invoices = await q
        .selectFrom("invoices")
        .select(["id", "folio", "contract_id"])
        .orderBy("folio")
        .execute();
      expect(invoices.map((r) => r.folio)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `PF-2026-00000${n}`));
      expect(new Set(invoices.map((r) => r.contract_id)).size).toBe(6);
      const ids = new Set(invoices.map((r) => r.id));
      for (const table of ["invoice_tickets", "invoice_charges", "invoice_overage"] as const) {
        const marks = await q.selectFrom(table).select("invoice_id").execute();
        expect(marks, table).toHaveLength(6);
        expect(new Set(marks.map((m) => m.invoice_id)), table).toEqual(ids);
      }
    });
  },
);
