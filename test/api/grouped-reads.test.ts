/**
 * Reads that arrive together go in one statement on PostgreSQL (issue #16; statement-groups.ts): the
 * caller's token or session on every request, and a create's client, contact, contract and category.
 * Each caller still gets its own answer: its own identity, its own client's contract on its own date,
 * and a refusal that reaches it alone. On SQLite each reads alone; the same answers are asserted.
 */
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { intakeRepo } from "../../src/server/modules/clients/intake-repository.js";
import type { Caller } from "../client.js";
import { createClientWithContact, PASSWORD, type Staff, seedStaff } from "../fixtures.js";
import { countQueries, DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { newContract } from "../support/billing.js";

describe.each(DATABASES)("reads grouped across requests on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const time = manualClock("2026-03-10T16:00:00Z");
  let withContract: { clientId: string; contactId: string };
  let perEvent: { clientId: string; contactId: string };
  let contractId: string;

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    const a = await createClientWithContact(s, "Constructora Ñandú", "CÑA010203AB5", "ana@nandu.mx");
    const b = await createClientWithContact(s, "Otra Empresa", "OEM020304CD9", "luis@otra.mx");
    withContract = { clientId: a.client.id, contactId: a.contact.id };
    perEvent = { clientId: b.client.id, contactId: b.contact.id };
    // In force from March: a call received in February is served per event.
    contractId = await newContract(s, withContract.clientId, { startsOn: "2026-03-01" });
  });
  afterAll(async () => t?.close());

  const me = (headers: Record<string, string>) =>
    t.app.inject({ method: "GET", url: "/api/auth/me", headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const emailOf = (res: LightMyRequestResponse) =>
    res.statusCode === 200 ? (res.json().user?.email ?? res.json().email) : res.statusCode;

  const sessionOf = async (email: string) => {
    const login = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password: PASSWORD },
    });
    const cookie = login.cookies.find((c) => c.name === "mesa_session");
    if (!cookie) throw new Error(`login ${email}: ${login.statusCode}`);
    return { cookie: `mesa_session=${cookie.value}` };
  };

  it("each request read together is its own caller; revoked, unknown, expired and deactivated ones are refused alone", async () => {
    const callers: Caller[] = Object.values(s);
    const revoked = await s.admin.post("/api/auth/tokens", { name: "revocado" });
    expect((await s.admin.req("DELETE", `/api/auth/tokens/${revoked.body.id}`)).status).toBe(204);
    // A session of 13 hours ago (they last 12), then three of two hours ago, one of a user deactivated since.
    const expired = await sessionOf("senior@encor.mx");
    time.advance(11 * 3600_000);
    const sessions = [
      { headers: await sessionOf("tecnico@encor.mx"), expect: "tecnico@encor.mx" },
      { headers: await sessionOf("tecnico2@encor.mx"), expect: "tecnico2@encor.mx" },
      { headers: await sessionOf("lider@encor.mx"), expect: "lider@encor.mx" },
    ];
    const leaving = await sessionOf("ventas@encor.mx");
    expect((await s.admin.patch(`/api/users/${s.sales.user!.id}`, { active: false })).status).toBe(200);
    time.advance(2 * 3600_000);
    const counted = countQueries(t.app);

    const asked = [
      ...callers
        .filter((c) => c !== s.sales)
        .flatMap((c) => [1, 2, 3].map(() => ({ headers: bearer(c.token!), expect: c.user!.email }))),
      ...[1, 2, 3].flatMap(() => sessions),
      { headers: bearer(revoked.body.token), expect: 401 },
      { headers: bearer("mesa_inventado"), expect: 401 },
      { headers: bearer(s.sales.token!), expect: 401 },
      { headers: expired, expect: 401 },
      { headers: leaving, expect: 401 },
      { headers: { cookie: "mesa_session=inventada" }, expect: 401 },
    ];
    const answers = await Promise.all(asked.map((a) => me(a.headers)));
    expect(answers.map(emailOf)).toEqual(asked.map((a) => a.expect));
    if (kind === "postgres") {
      const reads = (table: string) => counted.ran.filter((r) => r === `SelectQueryNode ${table}`).length;
      expect(reads("api_tokens")).toBeGreaterThan(0);
      expect(reads("api_tokens")).toBeLessThan(callers.length * 3);
      expect(reads("sessions")).toBeGreaterThan(0);
      expect(reads("sessions")).toBeLessThan(sessions.length * 3);
    }
  });

  it("a read within a transaction goes alone, on the transaction's connection", async () => {
    const grouped: boolean[] = [];
    const db = t.app.ctx.db.withPlugin({
      transformQuery: (args) => {
        grouped.push(JSON.stringify(args.node).includes("unnest"));
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const key = {
      id: withContract.clientId,
      contactId: withContract.contactId,
      date: "2026-03-10",
      category: null,
    };
    const outside = await intakeRepo.read(db, key);
    expect(grouped.includes(true)).toBe(kind === "postgres");
    grouped.length = 0;
    const inside = await db.transaction().execute((trx) => intakeRepo.read(trx, key));
    expect(inside).toEqual(outside);
    expect(inside).toMatchObject({ name: "Constructora Ñandú", contract_id: contractId });
    expect(grouped).not.toContain(true);
  });

  it("creates read together each get their own client, contact, contract and category", async () => {
    const counted = countQueries(t.app);
    const ticket = (
      extra: Partial<Record<"clientId" | "contactId" | "category" | "receivedAt", string>>,
    ) => ({
      title: "Sin red",
      description: "",
      urgent: false,
      channel: "phone",
      ...extra,
    });
    const cases = [
      {
        body: ticket({ ...withContract, category: "redes" }),
        status: 201,
        serviceKind: "contract",
        category: "redes",
      },
      { body: ticket({ ...perEvent }), status: 201, serviceKind: "event", category: null },
      // The same client on a day before its contract: per event.
      {
        body: ticket({ ...withContract, receivedAt: "2026-02-27T10:00:00-06:00" }),
        status: 201,
        serviceKind: "event",
        category: null,
      },
      // Another client's contact, a client that does not exist, a category that does not.
      { body: ticket({ ...withContract, contactId: perEvent.contactId }), status: 400 },
      { body: ticket({ ...perEvent, clientId: "no-existe" }), status: 404 },
      { body: ticket({ ...perEvent, category: "no-existe" }), status: 404 },
    ];
    const before = await t.app.ctx.db.selectFrom("tickets").select("id").execute();
    const sent = [1, 2, 3, 4].flatMap(() => cases);
    const answers = await Promise.all(sent.map((c) => s.reception.post("/api/tickets", c.body)));
    expect(answers.map((a) => a.status)).toEqual(sent.map((c) => c.status));
    for (const [i, a] of answers.entries()) {
      const c = sent[i]!;
      if (c.status !== 201) continue;
      const body = c.body;
      const own =
        body.clientId === withContract.clientId
          ? "Contacto de Constructora Ñandú"
          : "Contacto de Otra Empresa";
      expect({
        clientId: a.body.clientId,
        contactName: a.body.contactName,
        serviceKind: a.body.serviceKind,
        contractId: a.body.contractId,
        category: a.body.category,
      }).toEqual({
        clientId: body.clientId,
        contactName: own,
        serviceKind: c.serviceKind,
        contractId: c.serviceKind === "contract" ? contractId : null,
        category: c.category,
      });
    }
    const after = await t.app.ctx.db.selectFrom("tickets").select("id").execute();
    expect(after.length - before.length).toBe(sent.filter((c) => c.status === 201).length);
    if (kind === "postgres") {
      const intakeReads = counted.ran.filter((r) => r.startsWith("SelectQueryNode clients")).length;
      expect(intakeReads).toBeGreaterThan(0);
      expect(intakeReads).toBeLessThan(sent.length / 2);
    }
  });
});
