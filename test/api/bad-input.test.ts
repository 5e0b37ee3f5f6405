import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../client.js";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { type BadCase, expectRefusedWithoutTrace, rawRequest } from "../refusal.js";

// Bad input on intake and master data: every refusal is a 4xx with a stable code and stores nothing.
// Work, transitions, edits and settings: bad-input-work.test.ts.
type Body = Record<string, unknown>;
type Lazy = Body | (() => Body);
const val = (b: Lazy): Body => (typeof b === "function" ? b() : b);
const V = "validation_failed";

describe.each(DATABASES)("bad input on intake and records on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const ids = { a: "", aContact: "", b: "", bContact: "", ticket: "" };
  const time = manualClock("2026-11-24T16:00:00Z"); // Tuesday 10:00 in Mexico City

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    const a = await createClientWithContact(s, "Constructora Ñandú", "CÑA010203AB5", "ana@nandu.mx");
    const b = await createClientWithContact(s, "Otra Empresa", "OEM020304CD9", "otro@otra.mx");
    Object.assign(ids, { a: a.client.id, aContact: a.contact.id, b: b.client.id, bContact: b.contact.id });
    const first = await s.reception.post("/api/tickets", goodTicket());
    expect(first.body.folio).toBe("OS-2026-000001");
    ids.ticket = first.body.id;
  });
  afterAll(async () => t?.close());

  function goodTicket(): Body {
    return {
      clientId: ids.a,
      contactId: ids.aContact,
      title: "Correo caído",
      description: "",
      urgent: false,
      channel: "phone",
    };
  }
  /** A ticket create with fields replaced (`undefined` removes the field); values may be computed at run time. */
  const ticket = (patch: Lazy) => () => {
    const body = { ...goodTicket(), ...val(patch) };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    return s.reception.post("/api/tickets", body);
  };
  const client =
    (body: Lazy, who: () => Caller = () => s.reception) =>
    () =>
      who().post("/api/clients", { name: "Cliente", ...val(body) });
  const contact = (body: Body) => () =>
    s.reception.post("/api/contacts", { clientId: ids.a, name: "Contacto", ...body });
  const user = (body: Lazy) => () =>
    s.admin.post("/api/users", {
      email: "x@encor.mx",
      name: "X",
      password: "una-clave-larga",
      roles: ["technician"],
      ...val(body),
    });
  const contract = (body: Body) => () =>
    s.leader.post("/api/contracts", {
      clientId: ids.b,
      type: "SS",
      startsOn: "2026-01-01",
      monthlyFeeCents: 1000,
      ...body,
    });
  const get = (url: string) => () => s.reception.get(url);
  const raw = (payload: string, contentType?: string) => () =>
    rawRequest(t, { method: "POST", url: "/api/clients", token: s.reception.token, payload, contentType });

  const cases: BadCase[] = [
    ["ticket: unknown field", 400, V, ticket({ priority: "alta" })],
    ["ticket: urgent as a string", 400, V, ticket({ urgent: "sí" })],
    ["ticket: urgent missing", 400, V, ticket({ urgent: undefined })],
    ["ticket: channel missing", 400, V, ticket({ channel: undefined })],
    ["ticket: unknown channel", 400, V, ticket({ channel: "fax" })],
    ["ticket: title missing", 400, V, ticket({ title: undefined })],
    ["ticket: empty title", 400, V, ticket({ title: "" })],
    ["ticket: blank title", 400, V, ticket({ title: "   " })],
    ["ticket: 100 KB title", 400, V, ticket({ title: "a".repeat(100_000) })],
    ["ticket: null title", 400, V, ticket({ title: null })],
    ["ticket: NUL character in the title", 400, V, ticket({ title: "Correo\u0000caído" })],
    ["ticket: half a surrogate pair in the title", 400, V, ticket({ title: "Correo\ud800caído" })],
    ["ticket: a low surrogate alone in the description", 400, V, ticket({ description: "\udc00 sin par" })],
    ["ticket: a title of zero-width spaces only", 400, V, ticket({ title: "\u200b\u200b" })],
    ["ticket: a title of invisible controls only", 400, V, ticket({ title: "\u001b\u0007\u202e" })],
    ["ticket: receivedAt on 30 Feb", 400, V, ticket({ receivedAt: "2026-02-30T10:00:00-06:00" })],
    ["ticket: receivedAt without offset", 400, V, ticket({ receivedAt: "2026-11-24T10:00:00" })],
    ["ticket: receivedAt as a bare date", 400, V, ticket({ receivedAt: "2026-11-24" })],
    ["ticket: receivedAt at 25:00", 400, V, ticket({ receivedAt: "2026-11-24T25:00:00Z" })],
    ["ticket: receivedAt in the future", 400, V, ticket({ receivedAt: "2026-12-24T10:00:00-06:00" })],
    ["ticket: client that does not exist", 404, "not_found", ticket({ clientId: "no-existe" })],
    ["ticket: clientId is a ticket's id", 404, "not_found", ticket(() => ({ clientId: ids.ticket }))],
    ["ticket: contact that does not exist", 404, "not_found", ticket({ contactId: "no-existe" })],
    ["ticket: contact of another client", 400, V, ticket(() => ({ contactId: ids.bContact }))],
    ["ticket: unknown category", 404, "not_found", ticket({ category: "plomeria" })],
    ["ticket: body is an array", 400, V, () => s.reception.post("/api/tickets", [goodTicket()])],
    ["client: RFC of bad format", 400, V, client({ rfc: "ABC123" })],
    ["client: RFC (física) dated 99-13-32", 400, V, client({ rfc: "GODE991332AB1" })],
    ["client: RFC (moral) dated 99-13-32", 400, V, client({ rfc: "ABC991332AB1" })],
    ["client: RFC already used, other spelling", 409, "conflict", client({ rfc: "cña-010203-ab5" })],
    ["client: malformed e-mail", 400, V, client({ email: "no-es-correo" })],
    ["client: unknown payment terms", 400, V, client({ paymentTerms: "fiado" }, () => s.sales)],
    ["client: credit of 0 days", 400, V, client({ paymentTerms: "credit", creditDays: 0 }, () => s.sales)],
    [
      "client: credit set in the editor",
      422,
      "credit_request_required",
      client({ paymentTerms: "credit" }, () => s.sales),
    ],
    ["client: name missing", 400, V, client({ name: undefined, rfc: "XYZ010101AB1" })],
    [
      "client: account technician is a sales user",
      400,
      V,
      client(() => ({ accountTechnicianId: s.sales.user!.id })),
    ],
    ["contact: malformed e-mail", 400, V, contact({ email: "ana@" })],
    ["contact: one bad e-mail of two", 400, V, contact({ emails: ["ok@x.mx", "mal"] })],
    ["contact: phone with letters", 400, V, contact({ phone: "llámame" })],
    ["contact: client that does not exist", 404, "not_found", contact({ clientId: "no-existe" })],
    ["user: malformed e-mail", 400, V, user({ email: "x@" })],
    ["user: password too short", 400, V, user({ password: "corta" })],
    ["user: unknown role", 400, V, user({ roles: ["superuser"] })],
    ["user: e-mail taken (other case)", 409, "conflict", user({ email: "ADMIN@encor.mx" })],
    ["user: client role without clientId", 400, V, user({ roles: ["client"] })],
    [
      "user: client role of a client that does not exist",
      404,
      "not_found",
      user({ roles: ["client"], clientId: "x" }),
    ],
    ["user: staff role with a clientId", 400, V, user(() => ({ clientId: ids.a }))],
    ["contract: fee as a float", 400, V, contract({ monthlyFeeCents: 10.5 })],
    ["contract: negative fee", 400, V, contract({ monthlyFeeCents: -1 })],
    ["contract: unknown type", 400, V, contract({ type: "ZZ" })],
    ["contract: starts on 30 Feb", 400, V, contract({ startsOn: "2026-02-30" })],
    ["contract: ends before it starts", 400, V, contract({ endsOn: "2025-12-31" })],
    ["contract: client that does not exist", 404, "not_found", contract({ clientId: "no-existe" })],
    ["list: unknown status", 400, V, get("/api/tickets?status=new,bogus")],
    ["list: limit 0", 400, V, get("/api/tickets?limit=0")],
    ["list: limit abc", 400, V, get("/api/tickets?limit=abc")],
    ["list: urgent=maybe", 400, V, get("/api/tickets?urgent=maybe")],
    ["list: forged cursor", 400, V, get("/api/tickets?cursor=no-es-cursor")],
    ["list: NUL in the search", 400, V, get("/api/tickets?q=a%00b")],
    ["detail: NUL in the id", 400, V, get("/api/tickets/a%00b")],
    ["contacts: NUL in the e-mail", 400, V, get("/api/contacts?email=a%00b@x.mx")],
    ["deadline: from without offset", 400, V, get("/api/sla/deadline?from=2026-11-24T10:00:00&minutes=60")],
    ["deadline: negative minutes", 400, V, get("/api/sla/deadline?from=2026-11-24T10:00:00Z&minutes=-1")],
    ["deadline: fractional minutes", 400, V, get("/api/sla/deadline?from=2026-11-24T10:00:00Z&minutes=1.5")],
    [
      "deadline: absurd minutes",
      400,
      V,
      get("/api/sla/deadline?from=2026-11-24T10:00:00Z&minutes=999999999"),
    ],
    ["body: malformed JSON", 400, "invalid_json", raw('{"name": "X",')],
    ["body: empty JSON", 400, "invalid_json", raw("")],
    ["body: over 1 MB", 413, "payload_too_large", raw(JSON.stringify({ name: "x".repeat(1_100_000) }))],
    ["body: text/plain", 415, "unsupported_media_type", raw("name=X", "text/plain")],
    [
      "body: JSON sent as text/plain",
      415,
      "unsupported_media_type",
      raw('{"name":"X"}', "text/plain; charset=utf-8"),
    ],
    ["body: a form", 415, "unsupported_media_type", raw("name=X", "application/x-www-form-urlencoded")],
    ["body: an unsupported media type", 415, "unsupported_media_type", raw("<cliente/>", "application/xml")],
    ["body: a __proto__ key", 400, "invalid_json", raw('{"name": "X", "__proto__": {"admin": true}}')],
    [
      "login: extra field",
      400,
      V,
      () =>
        rawRequest(t, {
          method: "POST",
          url: "/api/auth/login",
          token: null,
          payload: '{"email":"a@b.mx","password":"x","admin":true}',
        }),
    ],
    [
      "login: NUL in the e-mail",
      400,
      V,
      () =>
        rawRequest(t, {
          method: "POST",
          url: "/api/auth/login",
          token: null,
          payload: '{"email":"a\\u0000@b.mx","password":"x"}',
        }),
    ],
  ];

  it.each(cases)("%s → %i %s, nothing stored", async (...c) => expectRefusedWithoutTrace(t, c));

  it("says what a page's limit must be, in the caller's words and language", async () => {
    const refusal = async (url: string, as = s.reception) => {
      const r = await as.get(url);
      expect(r.status).toBe(400);
      const [detail] = r.body.error.details as { path: string[]; message: string; code: string }[];
      return [detail!.path.join("."), detail!.code, detail!.message];
    };
    const limit = "querystring.limit";
    expect(await refusal("/api/tickets?limit=abc")).toEqual([
      limit,
      "input.limit_number",
      "Un número entero",
    ]);
    expect(await refusal("/api/tickets?limit=1.5")).toEqual([
      limit,
      "input.limit_number",
      "Un número entero",
    ]);
    expect(await refusal("/api/clients?limit=0")).toEqual([limit, "input.limit_min", "Al menos 1"]);
    expect(await refusal("/api/tickets?limit=201")).toEqual([limit, "input.limit_max", "Como máximo 200"]);
    expect(await refusal("/api/surveys/queue?limit=501")).toEqual([
      limit,
      "input.limit_max",
      "Como máximo 500",
    ]);
    expect((await s.leader.patch("/api/auth/me", { locale: "en" })).status).toBe(200);
    expect(await refusal("/api/tickets?limit=201", s.leader)).toEqual([
      limit,
      "input.limit_max",
      "At most 200",
    ]);
    expect((await s.reception.get("/api/tickets?limit=200")).status).toBe(200);
  });

  it("takes a good request afterwards, with the next folio: no refusal used a number", async () => {
    const ok = await ticket({})();
    expect(ok.status).toBe(201);
    expect(ok.body.folio).toBe("OS-2026-000002");
    // Tabs, line breaks, accents, emoji (joined by a zero-width joiner) are text, not controls; a
    // title is one line, so a tab or a line break in it is a space.
    const typed = await ticket({ title: "Impresora\tcaída 👩‍💻", description: "Línea 1\r\nLínea 2" })();
    expect(typed.status).toBe(201);
    expect(typed.body.title).toBe("Impresora caída 👩‍💻");
    expect(typed.body.description).toBe("Línea 1\r\nLínea 2");
  });

  it("stores text without invisible controls or direction overrides; pasted soft line breaks become line breaks", async () => {
    const r = await ticket({
      title: "Correo \u001b[31mcaído\u0007 factura\u202Efdp.exe",
      description: "Línea 1\u000BLínea 2\u2028Línea 3\u0085fin",
    })();
    expect(r.status).toBe(201);
    const stored = (await s.reception.get(`/api/tickets/${r.body.id}`)).body;
    expect(stored.title).toBe("Correo [31mcaído facturafdp.exe");
    expect(stored.description).toBe("Línea 1\nLínea 2\nLínea 3\nfin");
    const c = await client({ name: "Acme\u001b Industrial" })();
    expect(c.status).toBe(201);
    expect(c.body.name).toBe("Acme Industrial");
  });

  it("keeps titles and names on one line: line breaks sent in them become one space, and alone they are blank", async () => {
    const r = await ticket({ title: "Línea 1\r\nLínea 2\u2028\n fin" })();
    expect(r.status).toBe(201);
    expect((await s.reception.get(`/api/tickets/${r.body.id}`)).body.title).toBe("Línea 1 Línea 2 fin");
    const edited = await s.reception.patch(`/api/tickets/${r.body.id}`, { title: "Otra\nlínea" });
    expect(edited.body.title).toBe("Otra línea");
    const c = await client({ name: "Acme\r\nNorte" })();
    expect(c.body.name).toBe("Acme Norte");
    const before = (await s.reception.get("/api/tickets?limit=200")).body.items.length;
    // Far past the limit it is refused as too long, without being rewritten line by line first.
    const huge = await ticket({ title: "a\n".repeat(100_000) })();
    expect(huge.status).toBe(400);
    expect(JSON.stringify(huge.body.error.details)).toContain("title");
    const blank = await ticket({ title: "\r\n\t" })();
    expect(blank.status).toBe(400);
    expect(blank.body.error.code).toBe(V);
    expect((await s.reception.get("/api/tickets?limit=200")).body.items.length).toBe(before);
  });
});
