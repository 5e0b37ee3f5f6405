import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../src/server/platform/database/schema.js";
import { idempotencyTiming } from "../../src/server/platform/http/idempotency.js";
import { sha256 } from "../../src/server/platform/ids.js";
import { housekeeping } from "../../src/server/platform/jobs/definitions.js";
import type { Caller, Res } from "../client.js";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

/** A POST as `who`, with an Idempotency-Key (or any other headers). */
async function post(who: Caller, url: string, body: unknown, headers: Record<string, string>): Promise<Res> {
  const res = await who.app.inject({
    method: "POST",
    url,
    headers: { authorization: `Bearer ${who.token}`, ...headers },
    payload: body as object,
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null, headers: res.headers };
}

describe.each(DATABASES)("Idempotency-Key on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  let clientId: string;
  let contactId: string;
  let working: string; // a ticket in progress, assigned to the technician
  let closed: string; // a closed ticket awaiting its survey
  const time = manualClock("2026-11-24T16:00:00Z");

  const count = async (table: keyof DB) =>
    Number(
      (
        await t.app.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const ticketBody = (title: string) => ({
    clientId,
    contactId,
    title,
    description: "Sin internet",
    urgent: false,
    channel: "phone",
  });
  const go = async (who: keyof Staff, id: string, body: object) => {
    const res = await staff[who].post(`/api/tickets/${id}/transitions`, body);
    if (res.status !== 200) throw new Error(`${body}: ${JSON.stringify(res.body)}`);
  };

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    staff = await seedStaff(t.app);
    const made = await createClientWithContact(staff, "Idempotente SA", "IDE010203AB3", "ana@ide.mx");
    clientId = made.client.id;
    contactId = made.contact.id;
    const tech = staff.technician.user!.id;
    working = (await staff.reception.post("/api/tickets", ticketBody("En progreso"))).body.id;
    await go("reception", working, { action: "assign", assigneeId: tech });
    await go("technician", working, { action: "start" });
    closed = (await staff.reception.post("/api/tickets", ticketBody("Cerrado"))).body.id;
    await go("reception", closed, { action: "assign", assigneeId: tech });
    await go("technician", closed, { action: "start" });
    await staff.technician.post(`/api/tickets/${closed}/time-entries`, {
      minutes: 30,
      mode: "remote",
      activity: "Revisión",
    });
    await go("technician", closed, { action: "attend" });
    await go("technician", closed, { action: "accept", signerName: "Ana" });
    await go("senior", closed, { action: "review" });
    await go("leader", closed, { action: "close" });
  });
  afterAll(async () => t?.close());

  // Every POST that makes a record: who sends it, where, a body, and the table that would grow.
  const routes = (): [keyof Staff, string, (n: number) => object, keyof DB][] => [
    ["reception", "/api/clients", (n) => ({ name: `Cliente ${n}` }), "clients"],
    ["reception", "/api/contacts", (n) => ({ clientId, name: `Contacto ${n}` }), "contacts"],
    ["admin", "/api/contract-types", (n) => ({ code: `T${n}`, name: `Tipo ${n}` }), "contract_types"],
    [
      "leader",
      "/api/contracts",
      (n) => ({ clientId, type: "SF", startsOn: `2026-01-0${n}`, monthlyFeeCents: 1000 }),
      "contracts",
    ],
    [
      "admin",
      "/api/users",
      (n) => ({
        email: `u${n}@encor.mx`,
        name: `U ${n}`,
        password: "password-123456",
        roles: ["technician"],
      }),
      "users",
    ],
    ["reception", "/api/auth/tokens", (n) => ({ name: `token ${n}` }), "api_tokens"],
    ["reception", "/api/tickets", (n) => ticketBody(`Ticket ${n}`), "tickets"],
    [
      "technician",
      `/api/tickets/${working}/time-entries`,
      (n) => ({ minutes: n, mode: "remote", activity: "Diagnóstico" }),
      "time_entries",
    ],
    [
      "technician",
      `/api/tickets/${working}/charges`,
      (n) => ({ kind: "courier", description: "Envío", quantity: n, unitPriceCents: 100 }),
      "charges",
    ],
    [
      "technician",
      `/api/tickets/${working}/messages`,
      (n) => ({ body: `Nota ${n}`, kind: "note" }),
      "messages",
    ],
    [
      "reception",
      `/api/tickets/${closed}/survey-attempts`,
      (n) => ({ note: `No contesta ${n}` }),
      "survey_attempts",
    ],
    [
      "reception",
      `/api/tickets/${closed}/survey`,
      (n) => ({ overall: n, technician: 5, timeliness: 5 }),
      "surveys",
    ],
  ];

  it("replays every creating route: same key and body → the original answer, one record", async () => {
    for (const [who, url, body, table] of routes()) {
      const key = `replay ${url}`;
      const before = await count(table);
      const first = await post(staff[who], url, body(1), { "idempotency-key": key });
      expect(first.status, `${url}: ${JSON.stringify(first.body)}`).toBe(201);
      expect(first.headers["idempotent-replayed"]).toBeUndefined();
      const again = await post(staff[who], url, body(1), { "idempotency-key": key });
      expect(again.status, url).toBe(201);
      expect(again.body, url).toEqual(first.body);
      expect(again.headers["idempotent-replayed"], url).toBe("true");
      expect(await count(table), url).toBe(before + 1);
    }
  });

  it("refuses the same key with another body (422) and creates nothing", async () => {
    for (const [who, url, body, table] of routes()) {
      // Its ticket has its survey already (recorded by the test above).
      if (table === "surveys" || table === "survey_attempts") continue;
      const key = `reuse ${url}`;
      expect((await post(staff[who], url, body(2), { "idempotency-key": key })).status, url).toBe(201);
      const before = await count(table);
      const other = await post(staff[who], url, body(3), { "idempotency-key": key });
      expect(other.status, url).toBe(422);
      expect(other.body.error.code).toBe("idempotency_key_reused");
      expect(await count(table), url).toBe(before);
    }
    // The same key on another route is another request too.
    const elsewhere = await post(
      staff.reception,
      "/api/clients",
      { name: "Otro" },
      { "idempotency-key": "reuse /api/tickets" },
    );
    expect(elsewhere.status).toBe(422);
  });

  it("makes one ticket out of 10 simultaneous duplicates, and all get its answer", async () => {
    const before = await count("tickets");
    const body = ticketBody("Doble clic");
    const all = await Promise.all(
      Array.from({ length: 10 }, () =>
        post(staff.reception, "/api/tickets", body, { "idempotency-key": "k-10" }),
      ),
    );
    expect(await count("tickets")).toBe(before + 1);
    expect(all.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(all.map((r) => r.body.folio)).size).toBe(1);
  });

  it("scopes keys per user: another user's same key makes their own record", async () => {
    const before = await count("clients");
    const mine = await post(
      staff.reception,
      "/api/clients",
      { name: "Mismo" },
      { "idempotency-key": "shared" },
    );
    const theirs = await post(
      staff.sales,
      "/api/clients",
      { name: "Mismo" },
      { "idempotency-key": "shared" },
    );
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.headers["idempotent-replayed"]).toBeUndefined();
    const mineAgain = await post(
      staff.reception,
      "/api/clients",
      { name: "Mismo" },
      { "idempotency-key": "shared" },
    );
    expect(mineAgain.body.id).toBe(mine.body.id);
    expect(mineAgain.headers["idempotent-replayed"]).toBe("true");
    expect(await count("clients")).toBe(before + 2);
  });

  it("refuses a malformed key with 400 and creates nothing; 401 still comes first", async () => {
    const before = await count("clients");
    for (const key of ["", "x".repeat(201), "clave\tcon tab", "ñandú"]) {
      const res = await post(staff.reception, "/api/clients", { name: "Mal" }, { "idempotency-key": key });
      expect(res.status, JSON.stringify(key)).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
    }
    const anonymous = await t.app.inject({
      method: "POST",
      url: "/api/clients",
      headers: { "idempotency-key": "" },
      payload: { name: "Anónimo" },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await count("clients")).toBe(before);
    expect(
      (await post(staff.reception, "/api/clients", { name: "Bien" }, { "idempotency-key": "x".repeat(200) }))
        .status,
    ).toBe(201);
  });

  it("replays a final refusal (4xx) too, without running it again", async () => {
    const body = { clientId: "no-existe", name: "Huérfano" };
    const first = await post(staff.reception, "/api/contacts", body, { "idempotency-key": "k-404" });
    expect(first.status).toBe(404);
    const again = await post(staff.reception, "/api/contacts", body, { "idempotency-key": "k-404" });
    expect(again.status).toBe(404);
    expect(again.body).toEqual(first.body);
    expect(again.headers["idempotent-replayed"]).toBe("true");
  });

  it("answers 409 while the first request is in flight, and retakes a key abandoned for over a minute", async () => {
    const scope = `user:${staff.reception.user!.id}`;
    const reserve = (key: string, at: string, hash = "other") =>
      t.app.ctx.db
        .insertInto("idempotency_keys")
        .values({
          scope,
          key: sha256(key),
          request_hash: hash,
          state: "in_progress",
          owner: "crashed",
          created_at: at,
        })
        .execute();
    await reserve("in-flight", time.clock().toISOString(), sha256('POST /api/clients\n{"name":"Espera"}'));
    const busy = await post(
      staff.reception,
      "/api/clients",
      { name: "Espera" },
      { "idempotency-key": "in-flight" },
    );
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe("idempotency_in_progress");

    await reserve("crashed", new Date(time.clock().getTime() - 61_000).toISOString());
    const retaken = await post(
      staff.reception,
      "/api/clients",
      { name: "Retomado" },
      { "idempotency-key": "crashed" },
    );
    expect(retaken.status).toBe(201);
  }, 20_000);

  // A lock held elsewhere keeps the first create waiting past the minute after which a silent key is
  // taken for abandoned; the retry must wait for its answer, not create the client a second time.
  it.runIf(kind === "postgres")(
    "keeps the key of a request slower than a minute: its retry gets the same client",
    async () => {
      const blocker = new pg.Client({ connectionString: t.db.env.DATABASE_URL });
      await blocker.connect();
      idempotencyTiming.heartbeatMs = 50;
      try {
        await blocker.query("BEGIN");
        await blocker.query("LOCK TABLE clients IN ACCESS EXCLUSIVE MODE");
        const key = { "idempotency-key": "k-slow" };
        const first = post(staff.reception, "/api/clients", { name: "Lento SA" }, key);
        await new Promise((r) => setTimeout(r, 300));
        time.advance(61_000);
        await new Promise((r) => setTimeout(r, 300));
        const retry = post(staff.reception, "/api/clients", { name: "Lento SA" }, key);
        await new Promise((r) => setTimeout(r, 500));
        await blocker.query("ROLLBACK");
        const [a, b] = await Promise.all([first, retry]);
        expect(a.status).toBe(201);
        expect(b.status).toBe(201);
        expect(b.body.id).toBe(a.body.id);
        const named = await t.app.ctx.db
          .selectFrom("clients")
          .select("id")
          .where("name", "=", "Lento SA")
          .execute();
        expect(named).toHaveLength(1);
      } finally {
        idempotencyTiming.heartbeatMs = 15_000;
        await blocker.end();
      }
    },
    20_000,
  );

  it("runs a refused transition again under the same key once the ticket allows it (409 is not replayed)", async () => {
    const ticket = (await staff.reception.post("/api/tickets", ticketBody("Conflicto"))).body.id;
    const start = { action: "start" };
    const key = { "idempotency-key": "k-409" };
    const early = await post(staff.senior, `/api/tickets/${ticket}/transitions`, start, key);
    expect(early.status).toBe(409);
    await go("reception", ticket, { action: "assign", assigneeId: staff.technician.user!.id });
    const later = await post(staff.senior, `/api/tickets/${ticket}/transitions`, start, key);
    expect(later.status).toBe(200);
    expect(later.body.status).toBe("in_progress");
  });

  it("forgets keys after 24 h: housekeeping purges them and a later reuse creates again", async () => {
    const body = { name: "Caduca" };
    const first = await post(staff.reception, "/api/clients", body, { "idempotency-key": "k-24h" });
    time.advance(25 * 3600_000);
    const later = await post(staff.reception, "/api/clients", body, { "idempotency-key": "k-24h" });
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
    const rows = () => t.app.ctx.db.selectFrom("idempotency_keys").select("created_at").execute();
    expect((await rows()).length).toBeGreaterThan(1);
    await housekeeping(t.app.ctx, time.clock());
    // Only the key used after the clock moved is younger than a day.
    expect((await rows()).map((r) => r.created_at)).toEqual([time.clock().toISOString()]);
  });
});
