import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { attendedTicket, newClient, newContract, review } from "../support/billing.js";

interface Inv {
  id: string;
  folio: string;
  contractId: string;
  period: string;
  lines: { description: string; amountCents: number }[];
  totalCents: number;
}

/**
 * A contract that ends (or is cancelled) still owes its last month: the overage of its reviewed time,
 * its tickets' extra charges and tickets reviewed after the end. The run of the month after bills them
 * (no monthly fee: it is no longer in force); a ticket reviewed later goes into a later run. Issue #14
 * item 4: never lost, never billed twice.
 */
describe.each(DATABASES)("an ended contract's last month on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const time = manualClock("2026-01-14T16:00:00Z");
  let ending = "";
  let cancelled = "";
  let late = "";
  const folios: Record<string, string> = {};

  const run = async (period: string) => {
    const r = await s.leader.post("/api/billing/runs", { period });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.failed).toEqual([]);
    return { created: r.body.created as number, items: r.body.items as Inv[] };
  };
  const of = (items: Inv[], contractId: string) => items.filter((i) => i.contractId === contractId);
  const cable = { kind: "spare_part", description: "Cable", quantity: 1, unitPriceCents: 10_000 };

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    const ocaso = await newClient(s, "Refaccionaria Ocaso", "ocaso@cliente.mx");
    ending = await newContract(s, ocaso, { includedMinutesPerMonth: 60, endsOn: "2026-01-31" });
    const a = await attendedTicket(s, {
      clientId: ocaso,
      entries: [{ minutes: 90, mode: "remote" }],
      charges: [cable],
    });
    await review(s, a.id);
    folios.ending = a.folio;
    late = (await attendedTicket(s, { clientId: ocaso, entries: [{ minutes: 30, mode: "remote" }] })).id;

    const baja = await newClient(s, "Refaccionaria Baja", "baja@cliente.mx");
    cancelled = await newContract(s, baja, { includedMinutesPerMonth: 60 });
    const c = await attendedTicket(s, {
      clientId: baja,
      entries: [{ minutes: 90, mode: "remote" }],
      charges: [cable],
    });
    await review(s, c.id);
    folios.cancelled = c.folio;
    const off = await s.leader.patch(`/api/contracts/${cancelled}`, { cancelled: true });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
  });
  afterAll(() => t?.close());

  it("bills the last month's overage and charges in the next run, without a monthly fee", async () => {
    time.set("2026-02-03T16:00:00Z");
    // January: both were in force; its reviewed time waits for February's run.
    const jan = await run("2026-01");
    for (const id of [ending, cancelled])
      expect(of(jan.items, id).map((i) => i.lines.map((l) => l.amountCents))).toEqual([[350_000]]);

    const feb = await run("2026-02");
    expect(feb.created).toBe(2);
    for (const [id, folio] of [
      [ending, folios.ending],
      [cancelled, folios.cancelled],
    ] as const) {
      const [inv] = of(feb.items, id);
      // 30 min over the 60 included at 450.00/h = 225.00, plus the cable 100.00: 325.00 + 16 % = 377.00.
      expect(inv?.lines.map((l) => [l.description, l.amountCents])).toEqual([
        ["Horas excedentes de enero de 2026 (30 min)", 22_500],
        [`${folio}: Cable`, 10_000],
      ]);
      expect(inv?.totalCents).toBe(37_700);
      // Its creation is in the audit log, by the leader who asked for the run, in the same transaction.
      const audit = await t.app.ctx.db
        .selectFrom("audit_log")
        .select(["actor_id", "action", "changes"])
        .where("entity", "=", "invoice")
        .where("entity_id", "=", inv?.id ?? "")
        .execute();
      expect(audit.map((a) => ({ ...a, changes: JSON.parse(String(a.changes)) }))).toEqual([
        {
          actor_id: s.leader.user!.id,
          action: "create",
          changes: {
            kind: "contract",
            runKey: `${id}:2026-02`,
            contractId: id,
            ticketId: null,
            period: "2026-02",
            totalCents: 37_700,
            folio: inv?.folio,
          },
        },
      ]);
    }
  });

  it("bills a ticket reviewed after the end in a later run, once", async () => {
    time.set("2026-02-04T16:00:00Z");
    await review(s, late);
    expect((await run("2026-02")).created).toBe(0);
    time.set("2026-03-02T16:00:00Z");
    const mar = await run("2026-03");
    expect(mar.created).toBe(1);
    const [inv] = of(mar.items, ending);
    // January already billed its 90 minutes: all 30 more are over, 225.00 + 16 % = 261.00.
    expect(inv?.lines.map((l) => [l.description, l.amountCents])).toEqual([
      ["Horas excedentes de enero de 2026 (30 min)", 22_500],
    ]);
    expect(inv?.totalCents).toBe(26_100);
    time.set("2026-04-01T16:00:00Z");
    expect((await run("2026-04")).created).toBe(0);
    expect((await run("2026-03")).created).toBe(0);
  });
});
