import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import {
  countQueries,
  DATABASES,
  manualClock,
  type QueryCounter,
  startApp,
  type TestApp,
} from "../harness.js";

/**
 * Statements per request stay fixed: the caller lookup does not run one query per hit, a ticket create
 * reads its contract once and each setting at most once. The figures are the whole request (auth included).
 */
describe.each(DATABASES)("statements per request on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let q: QueryCounter;
  const clock = manualClock("2026-03-10T17:00:00Z");

  const newClient = async (i: number, contract: boolean) => {
    const c = await s.reception.post("/api/clients", {
      name: `Ferretería Núñez ${i}`,
      phone: `55 4000 10${i}0`,
    });
    expect(c.status).toBe(201);
    const ct = await s.reception.post("/api/contacts", {
      clientId: c.body.id,
      name: `Núñez contacto ${i}`,
      email: `nunez${i}@ferre.mx`,
      phone: `55 4000 20${i}0`,
    });
    expect(ct.status).toBe(201);
    if (contract) {
      const k = await s.sales.post("/api/contracts", {
        clientId: c.body.id,
        type: "SS",
        startsOn: "2026-01-01",
        monthlyFeeCents: 100000,
        slaNormalMinutes: 120,
      });
      expect(k.status).toBe(201);
    }
    return c.body.id as string;
  };

  const lookup = async (query: string) => {
    q.reset();
    const r = await s.reception.get(`/api/lookup/callers?q=${encodeURIComponent(query)}`);
    expect(r.status).toBe(200);
    return { items: r.body.items as { activeContract: boolean }[], statements: q.count };
  };

  let clientId = "";
  beforeAll(async () => {
    t = await startApp(kind, { clock: clock.clock });
    s = await seedStaff(t.app);
    clientId = await newClient(0, true);
    q = countQueries(t.app);
  });
  afterAll(() => t.close());

  it("looks callers up in the same number of statements for one hit and for many", async () => {
    await lookup("Núñez"); // the first request of the process also reads the calendar
    const one = await lookup("Núñez");
    expect(one.items.length).toBe(2); // the client and its contact
    for (let i = 1; i <= 5; i++) await newClient(i, i % 2 === 0);
    const many = await lookup("Núñez");
    expect(many.items.length).toBe(12);
    expect(many.statements, q.ran.join("\n")).toBe(one.statements);
    const byPhone = await lookup("55 4000");
    expect(byPhone.items.length).toBeGreaterThanOrEqual(6);
    expect(byPhone.statements, q.ran.join("\n")).toBeLessThanOrEqual(one.statements);
  });

  it("creates a ticket reading client, contact and contract in one statement, settings only when changed", async () => {
    q.reset();
    const r = await s.reception.post("/api/tickets", {
      clientId,
      title: "No hay red",
      description: "",
      urgent: false,
      channel: "phone",
    });
    expect(r.status).toBe(201);
    expect(r.body.serviceKind).toBe("contract");
    const reads = (what: string) => q.ran.filter((x) => x === what).length;
    // The contract in force is read with the client and the contact, in one statement.
    expect(reads("SelectQueryNode contracts"), q.ran.join("\n")).toBe(0);
    expect(reads("SelectQueryNode clients"), q.ran.join("\n")).toBe(1);
    // Calendar and SLA together, and only when they changed since this process last read them
    // (settings-stamp.test.ts): here they were read by the requests before.
    expect(reads("SelectQueryNode settings"), q.ran.join("\n")).toBe(0);
    // Auth, client (with contact and contract), folio, ticket, history: the answer is built from data
    // in hand (no re-read of the inserted row) and a hand-filed ticket does not look for inbound
    // mail. The one more is the report summary's upsert (all of the ticket's rows in one statement);
    // on PostgreSQL the folio and every write are one statement (3 in all).
    expect(q.count, q.ran.join("\n")).toBeLessThanOrEqual(kind === "postgres" ? 3 : 6);
    expect(q.ran.filter((x) => x === "SelectQueryNode tickets").length, q.ran.join("\n")).toBe(0);
    expect(r.body.clientName).toBe("Ferretería Núñez 0");
    console.info(`[${kind}] create: ${q.count} statements\n  ${q.ran.join("\n  ")}`);
  });

  it("creates a ticket with a category reading it with the client, its estimate applied", async () => {
    q.reset();
    const base = { clientId, title: "Revisar red", description: "", urgent: false, channel: "phone" };
    const r = await s.reception.post("/api/tickets", { ...base, category: "soporte" });
    expect(r.status).toBe(201);
    expect(r.body.estimatedSolutionMinutes).toBe(480); // «Soporte general»'s estimate
    expect(q.ran.filter((x) => x === "SelectQueryNode categories").length, q.ran.join("\n")).toBe(0);
    expect(q.count, q.ran.join("\n")).toBeLessThanOrEqual(kind === "postgres" ? 3 : 6);
    // A category that does not exist, or no longer taken, is still refused (and nothing is written).
    const before = (await s.reception.get(`/api/tickets?clientId=${clientId}&limit=100`)).body.items.length;
    const unknown = await s.reception.post("/api/tickets", { ...base, category: "plomeria" });
    expect([unknown.status, unknown.body.error.details]).toEqual([404, { field: "category" }]);
    const off = await s.admin.put("/api/categories/obsoleta", {
      name: "Obsoleta",
      estimateMinutes: 60,
      active: false,
    });
    expect(off.status).toBeLessThan(300);
    const inactive = await s.reception.post("/api/tickets", { ...base, category: "obsoleta" });
    expect([inactive.status, inactive.body.error.details]).toEqual([404, { field: "category" }]);
    expect(inactive.body.error.message).toBe("La categoría «Obsoleta» ya no está activa: elige otra.");
    expect(unknown.body.error.message).toBe("La categoría «plomeria» no existe.");
    const after = (await s.reception.get(`/api/tickets?clientId=${clientId}&limit=100`)).body.items.length;
    expect(after).toBe(before);
  });

  it("creates a ticket for a contact reading the contact once, and answers what a re-read shows", async () => {
    // No address: the auto-reply has nobody to write to (that path has its own statements).
    const ct = await s.reception.post("/api/contacts", { clientId, name: "Ana Peña", phone: "55 4000 3000" });
    expect(ct.status).toBe(201);
    const contactId = ct.body.id as string;
    q.reset();
    const r = await s.reception.post("/api/tickets", {
      clientId,
      contactId,
      title: "Sin internet en caja",
      description: "",
      urgent: true,
      channel: "phone",
    });
    expect(r.status).toBe(201);
    // The contact is read with the client, in one statement.
    expect(q.ran.filter((x) => x === "SelectQueryNode contacts").length, q.ran.join("\n")).toBe(0);
    expect(q.ran.filter((x) => x === "SelectQueryNode clients").length, q.ran.join("\n")).toBe(1);
    // The create's statements and the report summary's upsert.
    expect(q.count, q.ran.join("\n")).toBeLessThanOrEqual(kind === "postgres" ? 3 : 6);
    const again = await s.reception.get(`/api/tickets/${r.body.id}`);
    const {
      history,
      timeEntries,
      charges,
      chargesTotalCents,
      messages,
      contactPhone,
      clientAddress,
      senderEmail,
      ...shown
    } = again.body;
    expect(r.body).toEqual(shown);
    expect(senderEmail).toBeNull(); // a phone ticket has no unidentified mail sender
    expect(history.map((h: { action: string }) => h.action)).toEqual(["create"]);
  });

  it("refuses a missing contact (404) and another client's (400), read with the client", async () => {
    const other = await newClient(9, false);
    const theirs = await s.reception.post("/api/contacts", { clientId: other, name: "Olga Ruiz" });
    expect(theirs.status).toBe(201);
    const file = (contactId: string, id = clientId) =>
      s.reception.post("/api/tickets", {
        clientId: id,
        contactId,
        title: "Sin red",
        description: "",
        urgent: false,
        channel: "phone",
      });
    const missing = await file("no-such-contact");
    expect([missing.status, missing.body.error.code, missing.body.error.details]).toEqual([
      404,
      "not_found",
      { field: "contactId" },
    ]);
    const foreign = await file(theirs.body.id);
    expect([foreign.status, foreign.body.error.code]).toEqual([400, "validation_failed"]);
    const noClient = await file(theirs.body.id, "no-such-client");
    expect([noClient.status, noClient.body.error.details]).toEqual([404, { field: "clientId" }]);
    expect((await file(theirs.body.id, other)).status).toBe(201);
  });

  it("lists tickets in two statements: the caller (with the settings' stamp) and the page", async () => {
    q.reset();
    const r = await s.reception.get("/api/tickets");
    expect(r.status).toBe(200);
    expect(q.ran, q.ran.join("\n")).toEqual(["SelectQueryNode api_tokens", "SelectQueryNode tickets"]);
    console.info(`[${kind}] list: ${q.count} statements\n  ${q.ran.join("\n  ")}`);
  });
});
