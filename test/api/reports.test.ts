import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientUser, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { mx, type Seeded, seedMonth } from "./reports-seed.js";

const NOV = "from=2026-11-01&to=2026-11-30";

describe.each(DATABASES)("reports over a hand-computed month on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  let s: Seeded;
  const time = manualClock("2026-10-01T15:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    staff = await seedStaff(t.app);
    s = await seedMonth(staff, time);
  });
  afterAll(async () => t?.close());

  it("counts response compliance by kind and urgency as SPEC §10 writes it (cancelled and October left out)", async () => {
    const res = await staff.leader.get(`/api/reports/sla?${NOV}&bucket=month`);
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([
      // A breached across the weekend and Revolution Day; F not answered, due tomorrow 10:30 → pending.
      { serviceKind: "contract", urgent: false, total: 2, met: 0, breached: 1, pending: 1 },
      { serviceKind: "contract", urgent: true, total: 1, met: 1, breached: 0, pending: 0 },
      // G met (Saturday intake counted from Monday 09:00); C never answered → breached.
      { serviceKind: "event", urgent: false, total: 2, met: 1, breached: 1, pending: 0 },
      // D made urgent mid-way: its 4 h deadline (Fri 11:00) was missed by the 12:00 answer.
      { serviceKind: "event", urgent: true, total: 1, met: 0, breached: 1, pending: 0 },
    ]);
    expect(res.body.series).toEqual([
      { period: "2026-11", total: 6, met: 2, breached: 3, pending: 1, metPct: 40 },
    ]);
    expect(
      res.body.breaches.map((b: { folio: string; lateBusinessMinutes: number }) => [
        b.folio,
        b.lateBusinessMinutes,
      ]),
    ).toEqual([
      [s.folios.A, 60], // due Tue 10:00, answered 11:00
      [s.folios.C, 8 * 480 + 65], // due Wed 18 17:00; eight full days to Mon 30, then 09:00–10:05 today
      [s.folios.D, 60],
    ]);
    expect(res.body.breaches[0]).toMatchObject({
      responseDueAt: mx("2026-11-17T10:00"),
      respondedAt: mx("2026-11-17T11:00"),
    });
  });

  it("filters by client, kind, urgency, category, technician and channel", async () => {
    const rows = async (q: string) => (await staff.leader.get(`/api/reports/sla?${NOV}&${q}`)).body.rows;
    expect(await rows(`clientId=${s.eventClient}`)).toHaveLength(2);
    expect(await rows("kind=contract&urgent=true")).toEqual([
      { serviceKind: "contract", urgent: true, total: 1, met: 1, breached: 0, pending: 0 },
    ]);
    expect((await rows("category=soporte")).map((r: { total: number }) => r.total)).toEqual([1, 1]);
    expect(await rows(`technicianId=${staff.technician2.user!.id}`)).toEqual([
      { serviceKind: "event", urgent: true, total: 1, met: 0, breached: 1, pending: 0 },
    ]);
    expect(await rows("channel=email")).toEqual([]);
  });

  it("gives response time percentiles in business minutes beside wall-clock minutes", async () => {
    const res = await staff.senior.get(`/api/reports/response?${NOV}`);
    const d = (count: number, median: number, p90: number) => ({ count, median, p90 });
    expect(res.body.rows).toEqual([
      { serviceKind: "contract", urgent: false, wall: d(1, 5460, 5460), business: d(1, 180, 180) },
      { serviceKind: "contract", urgent: true, wall: d(1, 30, 30), business: d(1, 30, 30) },
      { serviceKind: "event", urgent: false, wall: d(1, 3240, 3240), business: d(1, 420, 420) },
      { serviceKind: "event", urgent: true, wall: d(1, 1260, 1260), business: d(1, 300, 300) },
      // Nearest rank over [30, 180, 300, 420] and [30, 1260, 3240, 5460].
      { serviceKind: null, urgent: null, wall: d(4, 1260, 5460), business: d(4, 180, 420) },
    ]);
    expect(res.body.histogram.map((h: { business: number }) => h.business)).toEqual([1, 0, 0, 1, 2, 0]);
    expect(res.body.histogram.map((h: { wall: number }) => h.wall)).toEqual([1, 0, 0, 0, 0, 3]);
  });

  it("measures attention and closing in business minutes against the category's estimate", async () => {
    const res = await staff.leader.get(`/api/reports/resolution?${NOV}`);
    const none = { attended: 0, attendedWithinEstimate: 0, attendedMedianMinutes: null };
    const open = { closed: 0, closedWithinEstimate: 0, closedMedianMinutes: null };
    expect(res.body.rows).toEqual([
      {
        category: "fortigate",
        categoryName: "Fortigate",
        estimateMinutes: 480,
        tickets: 1,
        ...none,
        ...open,
      },
      {
        category: "redes",
        categoryName: "Redes",
        estimateMinutes: 480,
        tickets: 1,
        attended: 1,
        attendedWithinEstimate: 1,
        attendedMedianMinutes: 240, // 10:00 → 14:00
        closed: 1,
        closedWithinEstimate: 1,
        closedMedianMinutes: 480, // Mon 10:00 → Tue 10:00: 7 h + 1 h
      },
      {
        category: "soporte",
        categoryName: "Soporte general",
        estimateMinutes: 480,
        tickets: 2,
        ...none,
        ...open,
      },
      {
        category: "windows-server",
        categoryName: "Windows Server",
        estimateMinutes: 960,
        tickets: 1,
        attended: 1,
        attendedWithinEstimate: 1,
        attendedMedianMinutes: 540, // Saturday → Mon 09:00, then Monday 480 + Tuesday 60
        ...open,
      },
      { category: null, categoryName: null, estimateMinutes: null, tickets: 1, ...none, ...open },
    ]);
  });

  it("shows workload by technician, and by mode from the time entries", async () => {
    const tomas = staff.technician.user!.id;
    const teresa = staff.technician2.user!.id;
    const res = await staff.leader.get(`/api/reports/workload?${NOV}`);
    expect(res.body.rows).toEqual([
      { key: tomas, label: "Tomás Técnico", tickets: 3, rawMinutes: 195, billableMinutes: 90 },
      { key: null, label: null, tickets: 2, rawMinutes: 0, billableMinutes: 0 },
      { key: teresa, label: "Teresa Técnica", tickets: 1, rawMinutes: 0, billableMinutes: 0 },
    ]);
    const clients = await staff.leader.get(`/api/reports/workload?${NOV}&by=client`);
    expect(clients.body.rows).toHaveLength(2);
    expect(clients.body.rows).toContainEqual({
      key: s.polizaClient,
      label: "Óptica Núñez",
      tickets: 3,
      rawMinutes: 135,
      billableMinutes: 90,
    });
    expect(clients.body.rows).toContainEqual({
      key: s.eventClient,
      label: "Papelería Sin Póliza",
      tickets: 3,
      rawMinutes: 60,
      billableMinutes: 0,
    });
    // By mode, each entry counts in the period it was logged: A's 45 min of 1 December are December's.
    const modes = await staff.leader.get(`/api/reports/workload?${NOV}&by=mode`);
    expect(modes.body.rows).toEqual([
      { key: "remote", label: null, tickets: 1, rawMinutes: 90, billableMinutes: null },
      { key: "onsite", label: null, tickets: 1, rawMinutes: 60, billableMinutes: null },
    ]);
    const december = await staff.leader.get("/api/reports/workload?from=2026-12-01&to=2026-12-31&by=mode");
    expect(december.body.rows).toEqual([
      { key: "remote", label: null, tickets: 1, rawMinutes: 45, billableMinutes: null },
    ]);
  });

  it("fills the hour bank with reviewed contract minutes in the month of their last entry", async () => {
    const res = await staff.leader.get(`/api/reports/hour-bank?${NOV}`);
    expect(res.body.rows).toEqual([
      {
        contractId: s.contractId,
        clientName: "Óptica Núñez",
        contractType: "SS",
        month: "2026-11",
        includedMinutes: 600,
        usedMinutes: 90,
        overMinutes: 0,
        tickets: 1,
      },
    ]);
  });

  it("reports satisfaction and the work not yet billed", async () => {
    const sat = await staff.leader.get(`/api/reports/satisfaction?${NOV}`);
    const row = {
      closed: 1,
      answered: 1,
      unreachable: 0,
      responseRatePct: 100,
      overall: 5,
      technician: 4,
      timeliness: 5,
    };
    expect(sat.body.totals).toEqual({ key: null, label: null, ...row });
    expect(sat.body.byTechnician).toEqual([
      { key: staff.technician.user!.id, label: "Tomás Técnico", ...row },
    ]);
    expect(sat.body.byClient).toEqual([{ key: s.polizaClient, label: "Óptica Núñez", ...row }]);
    expect(sat.body.trend).toEqual([{ period: "2026-11", closed: 1, answered: 1, overall: 5 }]);
    const unbilled = await staff.leader.get(`/api/reports/unbilled?${NOV}`);
    expect(unbilled.body.tickets).toEqual([
      {
        id: s.ids.B,
        folio: s.folios.B,
        clientName: "Óptica Núñez",
        serviceKind: "contract",
        closedAt: mx("2026-11-10T10:00"),
        billableMinutes: 90,
        chargesCents: 25000,
      },
    ]);
    expect(unbilled.body.totals).toEqual({
      tickets: 1,
      billableMinutes: 90,
      charges: 1,
      chargesCents: 25000,
    });
  });

  it("exports CSV byte for byte: BOM, CRLF, accents, quoted fields", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: `/api/reports/sla.csv?${NOV}`,
      headers: { authorization: `Bearer ${staff.leader.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="sla_2026-11-01_2026-11-30.csv"');
    const expected =
      "\uFEFFTipo,Urgente,Total,Cumplidos,Vencidos,Pendientes,% cumplido\r\n" +
      "Póliza,No,2,0,1,1,0\r\nPóliza,Sí,1,1,0,0,100\r\nEvento,No,2,1,1,0,50\r\nEvento,Sí,1,0,1,0,0\r\n";
    expect(res.rawPayload.equals(Buffer.from(expected, "utf8"))).toBe(true);
    const unbilled = await t.app.inject({
      method: "GET",
      url: `/api/reports/unbilled.csv?${NOV}`,
      headers: { authorization: `Bearer ${staff.leader.token}` },
    });
    expect(unbilled.body.split("\r\n")[2]).toBe(
      // The day and time on the business calendar's clock, the amount in pesos, as on screen.
      `Cargo,${s.folios.B},Óptica Núñez,09/11/2026 13:00,"Cable ""UTP"", 3 m",,,250.00`,
    );
  });

  it("exports the same table as XLSX, numbers as numbers", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: `/api/reports/sla.xlsx?${NOV}`,
      headers: { authorization: `Bearer ${staff.leader.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toBe('attachment; filename="sla_2026-11-01_2026-11-30.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = book
      .getWorksheet("Cumplimiento SLA")!
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows).toEqual([
      ["Tipo", "Urgente", "Total", "Cumplidos", "Vencidos", "Pendientes", "% cumplido"],
      ["Póliza", "No", 2, 0, 1, 1, 0],
      ["Póliza", "Sí", 1, 1, 0, 0, 100],
      ["Evento", "No", 2, 1, 1, 0, 50],
      ["Evento", "Sí", 1, 0, 1, 0, 0],
    ]);
  });

  it("exports read as the screens do: pesos, local times, names and the report's own sheet name", async () => {
    const get = (url: string) =>
      t.app.inject({ method: "GET", url, headers: { authorization: `Bearer ${staff.leader.token}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await get(`/api/reports/unbilled.xlsx?${NOV}`)).rawPayload as unknown as ArrayBuffer,
    );
    const sheet = book.getWorksheet("Por facturar")!;
    expect(sheet.getRow(1).values).toContain("Importe por facturar (MXN)");
    const charge = sheet.getRow(3);
    expect(charge.getCell(4).value).toBe("09/11/2026 13:00");
    expect(charge.getCell(8).value).toBe(250);
    expect(charge.getCell(8).numFmt).toBe('"$"#,##0.00');
    // A ticket's own charges are apart, never in the column that sums to what is left to bill.
    const ticketRow = sheet.getRow(2);
    expect(ticketRow.getCell(1).value).toBe("Ticket");
    expect(ticketRow.getCell(8).value).toBeNull();
    const amounts = sheet.getColumn(8).values.slice(2) as (number | null | undefined)[];
    const report = (await get(`/api/reports/unbilled?${NOV}`)).json();
    expect(amounts.reduce<number>((a, v) => a + (v ?? 0), 0) * 100).toBe(report.totals.chargesCents);
    const workload = (await get(`/api/reports/workload.csv?${NOV}`)).body.split("\r\n");
    expect(workload[0]).toBe("\uFEFFAgrupado por,Nombre,Tickets,Minutos registrados,Minutos facturables");
    expect(workload.slice(1).join("\n")).toMatch(/^Técnico,Tomás Técnico,3,195,90$/m);
    expect(workload.join("\n")).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it("shows the dashboard: open by status, unassigned, breached, near breach, today's intake, each technician", async () => {
    const res = await staff.leader.get("/api/reports/dashboard");
    expect(res.status).toBe(200);
    expect(res.body.byStatus).toEqual([
      { status: "new", count: 4 }, // C, F, H, I
      { status: "assigned", count: 0 },
      { status: "in_progress", count: 2 }, // A, D
      { status: "attended", count: 1 }, // G
      { status: "reviewed", count: 0 },
    ]);
    expect(res.body.unassigned).toBe(4);
    expect(res.body.breached.count).toBe(2);
    expect(res.body.breached.items.map((i: { folio: string }) => i.folio)).toEqual([s.folios.H, s.folios.C]);
    // F is due 10:30 and now is 10:05: within the 30 business minutes of "near".
    expect(res.body.nearBreach.items.map((i: { folio: string }) => i.folio)).toEqual([s.folios.F]);
    expect(res.body.todayByChannel).toContainEqual({ channel: "phone", count: 1 });
    expect(res.body.technicians).toEqual([
      { id: staff.senior.user!.id, name: "Sergio Senior", openTickets: 0, minutesThisWeek: 0 },
      { id: staff.technician2.user!.id, name: "Teresa Técnica", openTickets: 1, minutesThisWeek: 0 },
      { id: staff.technician.user!.id, name: "Tomás Técnico", openTickets: 1, minutesThisWeek: 45 },
    ]);
  });

  it("an empty range answers empty figures, not an error", async () => {
    const q = "from=2025-01-01&to=2025-01-31";
    expect((await staff.leader.get(`/api/reports/sla?${q}`)).body).toMatchObject({ rows: [], breaches: [] });
    expect((await staff.leader.get(`/api/reports/response?${q}`)).body).toEqual({ rows: [], histogram: [] });
  });

  it.each([
    ["from after to", "from=2026-11-30&to=2026-11-01", "to"],
    ["a range over five years", "from=2020-01-01&to=2025-12-31", "to"],
    ["an unknown filter", `${NOV}&assignee=x`, "assignee"],
    ["an impossible date", "from=2026-02-30&to=2026-03-01", "from"],
    ["a malformed date", "from=1/11/2026&to=2026-11-30", "from"],
    ["a missing date", "to=2026-11-30", "from"],
    ["an unknown kind", `${NOV}&kind=poliza`, "kind"],
  ])("refuses %s with a 400 naming the field", async (_n, q, field) => {
    const res = await staff.leader.get(`/api/reports/sla?${q}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details.some((d: { path: string[] }) => d.path.includes(field))).toBe(true);
  });

  it("refuses reports to roles without them; a technician sees only their own workload", async () => {
    const client = await clientUser(staff, s.polizaClient, "portal@optica.mx");
    for (const caller of [staff.technician, staff.reception, staff.sales, client]) {
      expect((await caller.get(`/api/reports/sla?${NOV}`)).status).toBe(403);
      expect((await caller.get("/api/reports/dashboard")).status).toBe(403);
      const csv = await t.app.inject({
        method: "GET",
        url: `/api/reports/unbilled.csv?${NOV}`,
        headers: { authorization: `Bearer ${caller.token}` },
      });
      expect(csv.statusCode).toBe(403);
    }
    expect((await client.get(`/api/reports/workload?${NOV}`)).status).toBe(403);
    const own = await staff.technician.get(`/api/reports/workload?${NOV}`);
    expect(own.body.rows).toEqual([
      {
        key: staff.technician.user!.id,
        label: "Tomás Técnico",
        tickets: 3,
        rawMinutes: 195,
        billableMinutes: 90,
      },
    ]);
    const other = await staff.technician.get(
      `/api/reports/workload?${NOV}&technicianId=${staff.technician2.user!.id}`,
    );
    expect(other.status).toBe(403);
    const anon = await t.app.inject({ method: "GET", url: `/api/reports/sla?${NOV}` });
    expect(anon.statusCode).toBe(401);
  });

  it("documents the reports in OpenAPI", async () => {
    const doc = (await staff.leader.get("/api/openapi.json")).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/reports/sla", "/api/reports/dashboard", "/api/reports/sla.csv"]),
    );
  });
});
