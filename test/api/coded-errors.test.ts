import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClientWithContact, type Staff, seedStaff, validRfc } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

// Issue #11 (messages as codes): a missing record and a plain refusal are codes rendered in the
// reader's language; the Spanish reads exactly as before.

describe.each(DATABASES)("not found and forbidden in the reader's language on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await startApp(kind);
    staff = await seedStaff(t.app);
  });
  afterAll(async () => t?.close());

  const speak = (who: keyof Staff, locale: "es-MX" | "en") => staff[who].patch("/api/auth/me", { locale });

  it("names the missing record in Spanish or English", async () => {
    const missing = () => staff.reception.get("/api/tickets/no-existe");
    const es = await missing();
    expect(es.status).toBe(404);
    expect(es.body.error).toMatchObject({ code: "not_found", message: "El ticket no existe." });
    expect((await speak("reception", "en")).status).toBe(200);
    const en = await missing();
    expect(en.body.error).toMatchObject({ code: "not_found", message: "The ticket does not exist." });
    expect(en.headers["content-language"]).toBe("en");
    await speak("reception", "es-MX");
  });

  it("refuses a role's action in Spanish or English", async () => {
    const create = () => staff.technician.post("/api/clients", { name: "No debe existir" });
    const es = await create();
    expect(es.status).toBe(403);
    expect(es.body.error).toMatchObject({
      code: "forbidden",
      message: "No tienes permiso para esta acción.",
    });
    await speak("technician", "en");
    const en = await create();
    expect(en.body.error).toMatchObject({ code: "forbidden", message: "You are not allowed to do this." });
    await speak("technician", "es-MX");
    const list = await staff.reception.get("/api/clients?q=No%20debe%20existir");
    expect(list.body.items).toEqual([]);
  });

  it("words a refusal with parameters, and the server's own refusals, in the reader's language", async () => {
    const rfc = validRfc("CDE040404AB");
    await createClientWithContact(staff, "Códigos SA", rfc, "codigos@cde.mx");
    const again = () => staff.reception.post("/api/clients", { name: "Otra", rfc, phone: "55 1234 5678" });
    expect((await again()).body.error).toEqual({
      code: "conflict",
      message: "Ya existe un cliente con ese RFC.",
      details: { field: "rfc" },
    });
    await speak("reception", "en");
    expect((await again()).body.error).toEqual({
      code: "conflict",
      message: "A client with that RFC already exists.",
      details: { field: "rfc" },
    });
    const badJson = await t.app.inject({
      method: "POST",
      url: "/api/clients",
      headers: { authorization: `Bearer ${staff.reception.token}`, "content-type": "application/json" },
      payload: "{",
    });
    expect(badJson.json().error).toMatchObject({
      code: "invalid_json",
      message: "The body is not valid JSON.",
    });
    await speak("reception", "es-MX");
  });

  it("words zod's own checks (an unknown option, a wrong type) in the reader's language", async () => {
    const { client } = await createClientWithContact(
      staff,
      "Ferretería Ñu",
      validRfc("FÑU010203AB"),
      "compras@fnu.mx",
    );
    const bad = () =>
      staff.reception.post("/api/tickets", {
        clientId: client.id,
        title: "Sin red",
        description: "",
        urgent: "sí",
        channel: "fax",
      });
    const es = await bad();
    expect(es.status).toBe(400);
    const esText = Object.fromEntries(
      es.body.error.details.map((d: { path: string[]; message: string }) => [d.path.at(-1), d.message]),
    );
    expect(esText.channel).toMatch(/^Opción inválida: se esperaba una de /);
    // It says what was sent (a text), not «indefinido», and a missing field as absent.
    expect(esText.urgent).toBe("Entrada inválida: se esperaba booleano, recibido texto");
    expect(es.body.error.message).toContain("Entrada inválida: se esperaba booleano");
    await speak("reception", "en");
    const en = await bad();
    const enText = Object.fromEntries(
      en.body.error.details.map((d: { path: string[]; message: string }) => [d.path.at(-1), d.message]),
    );
    expect(enText.channel).toMatch(/^Invalid option: expected one of /);
    expect(enText.urgent).toBe("Invalid input: expected boolean, received string");
    const missing = await staff.reception.post("/api/tickets", { clientId: client.id, description: "" });
    const title = missing.body.error.details.find((d: { path: string[] }) => d.path.at(-1) === "title");
    expect(title.message).toBe("Invalid input: expected string, received undefined");
    await speak("reception", "es-MX");
    expect((await staff.reception.get(`/api/tickets?clientId=${client.id}`)).body.items).toEqual([]);
  });

  it("words a compressed body it cannot read in the reader's language, and stores nothing", async () => {
    const before = await staff.reception.get("/api/clients?limit=200");
    const send = (encoding: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/clients",
        headers: {
          authorization: `Bearer ${staff.reception.token}`,
          "content-type": "application/json",
          "content-encoding": encoding,
        },
        payload: "esto no es gzip",
      });
    const gzip = await send("gzip");
    expect([gzip.statusCode, gzip.json().error.message]).toEqual([
      400,
      "El cuerpo no se pudo descomprimir con la codificación que indica (Content-Encoding).",
    ]);
    // No Node decompresses lzma (zstd is one Node 24 reads and Node 20 does not).
    const lzma = await send("lzma");
    expect([lzma.statusCode, lzma.json().error.code]).toEqual([415, "unsupported_media_type"]);
    expect(lzma.json().error.message).toMatch(/^Codificación del cuerpo no soportada/);
    const after = await staff.reception.get("/api/clients?limit=200");
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it("answers anonymous callers in their Accept-Language, Spanish by default", async () => {
    const ask = (lang?: string) =>
      t.app.inject({ method: "GET", url: "/api/nada", headers: lang ? { "accept-language": lang } : {} });
    expect((await ask()).json().error.message).toBe("No existe GET /api/nada.");
    expect((await ask("en-US,en;q=0.9")).json().error.message).toBe("There is no GET /api/nada.");
  });

  it("words a calendar the domain refuses in the reader's language, naming where and which day", async () => {
    const current = (await staff.admin.get("/api/settings/calendar")).body;
    const overlapping = {
      ...current,
      weeklyHours: {
        ...current.weeklyHours,
        3: [
          { start: "09:00", end: "13:00" },
          { start: "12:00", end: "17:00" },
        ],
      },
    };
    const save = () => staff.admin.put("/api/settings/calendar", overlapping);
    const es = await save();
    expect(es.status).toBe(400);
    expect(es.body.error).toEqual({
      code: "validation_failed",
      message: "Calendario inválido (weeklyHours.3[1]): rangos traslapados el miércoles",
      details: [{ path: "weeklyHours.3[1]", code: "ranges_overlap", params: { weekday: 3 } }],
    });
    await speak("admin", "en");
    expect((await save()).body.error.message).toBe(
      "Invalid calendar (weeklyHours.3[1]): overlapping ranges on Wednesday",
    );
    await speak("admin", "es-MX");
    const zone = await staff.admin.put("/api/settings/calendar", { ...current, timeZone: "Marte/Olympus" });
    expect(zone.body.error.message).toBe(
      "Calendario inválido (timeZone): zona horaria desconocida: Marte/Olympus",
    );
    expect((await staff.admin.get("/api/settings/calendar")).body).toEqual(current);
  });
});
