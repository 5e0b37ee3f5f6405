import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldForSearch } from "../../src/domain/text.js";
import { rebuildTicketSearch } from "../../src/server/platform/database/migrations/008_staff_app.js";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

/** The header search promises "folio, asunto, cliente o contacto": a contact's name finds its tickets. */
describe.each(DATABASES)("ticket search by contact on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let clientId = "";
  let contactId = "";
  let ticketId = "";
  let otherId = "";

  const search = async (q: string) => {
    const r = await s.reception.get(`/api/tickets?q=${encodeURIComponent(q)}`);
    expect(r.status).toBe(200);
    return (r.body.items as { id: string }[]).map((i) => i.id);
  };

  beforeAll(async () => {
    t = await startApp(kind);
    s = await seedStaff(t.app);
    const client = await s.reception.post("/api/clients", { name: "Comercializadora del Bajío" });
    clientId = client.body.id;
    const contact = await s.reception.post("/api/contacts", { clientId, name: "José Ángel Gutiérrez" });
    contactId = contact.body.id;
    const other = await s.reception.post("/api/contacts", { clientId, name: "Marta Ruiz" });
    const mk = async (title: string, cid: string) =>
      (
        await s.reception.post("/api/tickets", {
          clientId,
          contactId: cid,
          title,
          description: "",
          urgent: false,
          channel: "phone",
        })
      ).body.id as string;
    ticketId = await mk("No imprime la factura", contactId);
    otherId = await mk("Cambio de contraseña", other.body.id);
  });
  afterAll(() => t.close());

  it("finds a ticket by its contact's name, without accents and in any case", async () => {
    expect(await search("Gutiérrez")).toEqual([ticketId]);
    expect(await search("gutierrez")).toEqual([ticketId]);
    expect(await search("JOSE ANGEL")).toEqual([ticketId]);
    expect(await search("angel bajio")).toEqual([ticketId]);
  });

  it("follows a contact's rename and a client's rename", async () => {
    expect(
      (await s.reception.patch(`/api/contacts/${contactId}`, { name: "José Ángel Zúñiga" })).status,
    ).toBe(200);
    expect(await search("gutierrez")).toEqual([]);
    expect(await search("zuniga")).toEqual([ticketId]);
    expect((await s.reception.patch(`/api/clients/${clientId}`, { name: "Grupo Querétaro" })).status).toBe(
      200,
    );
    expect(await search("queretaro zuniga")).toEqual([ticketId]);
    expect((await search("queretaro")).sort()).toEqual([ticketId, otherId].sort());
  });

  it("follows a change of the ticket's contact", async () => {
    const contact = await s.reception.post("/api/contacts", { clientId, name: "Pedro Páramo" });
    const r = await s.reception.patch(`/api/tickets/${otherId}`, { contactId: contact.body.id });
    expect(r.status).toBe(200);
    expect(await search("paramo")).toEqual([otherId]);
    expect(await search("marta")).toEqual([]);
  });

  it("finds tickets filed before the upgrade once migration 008 rebuilt their search text", async () => {
    const db = t.app.ctx.db;
    // The text as it was before 008: folio, title, description and client only.
    const row = await db
      .selectFrom("tickets")
      .select(["folio", "title"])
      .where("id", "=", ticketId)
      .executeTakeFirstOrThrow();
    const old = foldForSearch(`${row.folio} ${row.title}  Grupo Querétaro`);
    await db.updateTable("tickets").set({ search_text: old }).where("id", "=", ticketId).execute();
    expect(await search("zuniga")).toEqual([]);
    await rebuildTicketSearch(db);
    expect(await search("zuniga")).toEqual([ticketId]);
  });
});
