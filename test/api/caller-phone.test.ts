import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

const enc = encodeURIComponent;

/**
 * Reception types a caller's number as it is dictated: the first digits find the contact, as do the
 * last ones (a number stored with its area code, dialled without it) and the whole number.
 */
describe.each(DATABASES)("intake caller lookup by part of a phone on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let clientId = "";
  let anaId = "";
  let beatrizId = "";
  let ninesId = "";

  type Item = { client: { id: string }; contact: { id: string } | null; matchedOn: string };
  const lookup = async (q: string) => {
    const r = await s.reception.get(`/api/lookup/callers?q=${enc(q)}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return (r.body.items as Item[]).map((i) => [i.contact?.id ?? null, i.matchedOn]);
  };

  beforeAll(async () => {
    t = await startApp(kind);
    s = await seedStaff(t.app);
    clientId = (await s.reception.post("/api/clients", { name: "Clínica Dental Roma" })).body.id;
    const contact = async (name: string, phone: string, phones: string[] = []) => {
      const r = await s.reception.post("/api/contacts", { clientId, name, phone, phones });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as string;
    };
    anaId = await contact("Ana Ruiz", "55 4012 8831");
    // Her office line is her second number; the mobile, with the country code, is the first.
    beatrizId = await contact("Beatriz Soto", "+52 81 2222 3333", ["(33) 4012 5000"]);
    ninesId = await contact("Nueve Nueve", "9999 1234");
    // Another client's contact whose number holds "4012" in its middle only.
    const other = (await s.reception.post("/api/clients", { name: "Ferretería Norte" })).body.id;
    expect(
      (await s.reception.post("/api/contacts", { clientId: other, name: "Carlos", phone: "22 2401 2000" }))
        .status,
    ).toBe(201);
  });
  afterAll(() => t.close());

  it("finds a contact by the first digits of its number, however they are typed", async () => {
    for (const q of ["55 4012", "554012", "5540", "(55) 4012-88", "55.4012.883"])
      expect(await lookup(q), q).toEqual([[anaId, "phone"]]);
  });

  it("takes an office line's extension, keeps it as typed, and finds the caller by the line's number", async () => {
    const made = await s.reception.post("/api/contacts", {
      clientId,
      name: "Lic. Pedro Ext",
      phone: "(444) 812-3460 ext. 12",
      phones: ["444 812 3461 x7"],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.phone).toBe("(444) 812-3460 ext. 12");
    expect(await lookup("444 812 3460")).toEqual([[made.body.id, "phone"]]);
    expect(await lookup("444 812 3461")).toEqual([[made.body.id, "phone"]]);
    const bad = await s.reception.post("/api/contacts", {
      clientId,
      name: "X",
      phone: "444 812 3460 ext. doce",
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain("si hay extensión «ext. 12»");
  });

  it("still finds it by the whole number and by its last digits", async () => {
    for (const q of ["55 4012 8831", "+52 55 4012 8831", "4012 8831", "8831"])
      expect(await lookup(q), q).toEqual([[anaId, "phone"]]);
  });

  it("finds a contact by the start of any of its numbers, once", async () => {
    expect(await lookup("33 4012")).toEqual([[beatrizId, "phone"]]);
    expect(await lookup("81 2222")).toEqual([[beatrizId, "phone"]]);
  });

  it("finds numbers that start with nines (no upper bound to the range)", async () => {
    expect(await lookup("9999")).toEqual([[ninesId, "phone"]]);
    expect(await lookup("99991")).toEqual([[ninesId, "phone"]]);
    expect(await lookup("9998")).toEqual([]);
  });

  it("does not match digits in the middle of a number", async () => {
    expect(await lookup("4012")).toEqual([]);
  });

  it("keeps the lookup by name", async () => {
    expect(await lookup("ruiz")).toEqual([[anaId, "contact_name"]]);
    expect(await lookup("clinica roma")).toEqual([[null, "name"]]);
  });
});
