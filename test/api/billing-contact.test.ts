import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceMailedToMigration } from "../../src/server/platform/database/migrations/032_invoice_mailed_to.js";
import { clientUser, type Staff, seedStaff, validRfc } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { invoiceIn } from "../support/billing.js";

const NOW = "2026-11-24T16:00:00.000Z"; // Tuesday 10:00 in Mexico City

/**
 * The client's billing contact (issue #14 item 7): the issued invoice is mailed to it through the
 * outbox; it must be one of the client's contacts with an e-mail, and stops being it when that e-mail
 * is removed or the contact is deleted. Without one, the address is the client's, else its first contact's.
 */
describe.each(DATABASES)("the client's billing contact on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const time = manualClock(NOW);
  let n = 0;

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
  });
  afterAll(async () => t?.close());

  const newClient = async (body: object = {}) => {
    n++;
    const rfc = validRfc(`BCT0101${String(n).padStart(2, "0")}AB`);
    const r = await s.reception.post("/api/clients", { name: `Cliente facturación ${n}`, rfc, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; version: number; billingContactId: string | null };
  };
  const newContact = async (clientId: string, name: string, email?: string) => {
    const r = await s.reception.post("/api/contacts", { clientId, name, ...(email ? { email } : {}) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; version: number };
  };
  const designate = (clientId: string, billingContactId: string | null) =>
    s.reception.patch(`/api/clients/${clientId}`, { billingContactId });
  const clientOf = async (id: string) => (await s.reception.get(`/api/clients/${id}`)).body;
  /**
   * Issues an invoice of the client and answers the address its mail was queued to, which the draft
   * named before (`mailTo`, what «Emitir» asks about).
   */
  const mailedTo = async (clientId: string) => {
    const draft = await invoiceIn(s, clientId, 100_000, "draft");
    const shown = await s.leader.get(`/api/invoices/${draft.id}`);
    expect(shown.status).toBe(200);
    const issued = await s.leader.post(`/api/invoices/${draft.id}/issue`);
    expect(issued.status).toBe(200);
    const mails = await t.app.ctx.db
      .selectFrom("outbox")
      .select("to_addr")
      .where("subject", "like", `%${draft.folio}%`)
      .execute();
    const to = mails.map((m) => m.to_addr);
    expect(to).toEqual(shown.body.mailTo === null ? [] : [shown.body.mailTo]);
    // The issued invoice records where it went (null: nowhere), in every answer.
    expect(issued.body.mailedTo).toBe(to[0] ?? null);
    expect((await s.leader.get(`/api/invoices/${draft.id}`)).body.mailedTo).toBe(to[0] ?? null);
    return to;
  };

  it("mails the issued invoice to the billing contact; without one, to the client's e-mail as before", async () => {
    const c = await newClient({ email: "facturas@cliente.mx" });
    expect(c.billingContactId).toBeNull();
    await newContact(c.id, "Ana Compras", "ana@cliente.mx");
    const cxp = await newContact(c.id, "Beto CxP", "Beto.CxP@Cliente.mx");
    expect(await mailedTo(c.id)).toEqual(["facturas@cliente.mx"]);

    const r = await designate(c.id, cxp.id);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ billingContactId: cxp.id, version: c.version + 1 });
    expect((await clientOf(c.id)).billingContactId).toBe(cxp.id);
    expect(await mailedTo(c.id)).toEqual(["beto.cxp@cliente.mx"]);

    // Cleared with null: back to the client's own e-mail.
    expect((await designate(c.id, null)).body.billingContactId).toBeNull();
    expect(await mailedTo(c.id)).toEqual(["facturas@cliente.mx"]);
  });

  it("writes the invoice mail in the language of the address's portal user (Spanish without one)", async () => {
    const c = await newClient();
    const cxp = await newContact(c.id, "Dana Payables", "dana@cliente.mx");
    expect((await designate(c.id, cxp.id)).status).toBe(200);
    const mailOf = async () => {
      const invoice = await invoiceIn(s, c.id, 100_000, "issued");
      return t.app.ctx.db
        .selectFrom("outbox")
        .select(["subject", "text_body", "html_body"])
        .where("subject", "like", `%${invoice.folio}%`)
        .executeTakeFirstOrThrow();
    };
    const spanish = await mailOf();
    expect(spanish.subject).toMatch(/^Factura /);
    expect(spanish.text_body).toMatch(/Fecha de vencimiento: \d{2}\/\d{2}\/\d{4}/);

    const portal = await clientUser(s, c.id, "dana@cliente.mx");
    expect((await portal.patch("/api/auth/me", { locale: "en" })).status).toBe(200);
    const english = await mailOf();
    expect(english.subject).toMatch(/^Invoice /);
    expect(english.text_body).toContain("Dear Cliente facturación");
    expect(english.text_body).toMatch(/Payment terms: (cash|\d+-day credit)\n/);
    expect(english.text_body).toMatch(/Due date: [A-Z][a-z]{2} \d{1,2}, \d{4}\n/);
    expect(english.text_body).not.toMatch(/contado|crédito|días/);
    expect(english.html_body).toContain("Payment terms");
  });

  it("without a billing contact nor a client e-mail, mails the first contact with an e-mail (unchanged)", async () => {
    const c = await newClient();
    await newContact(c.id, "Sin correo");
    await newContact(c.id, "Primera", "primera@cliente.mx");
    time.advance(60_000);
    await newContact(c.id, "Segunda", "segunda@cliente.mx");
    expect(await mailedTo(c.id)).toEqual(["primera@cliente.mx"]);
  });

  it("names no address (mailTo null) when the client has none, and issuing then mails nothing", async () => {
    const c = await newClient();
    await newContact(c.id, "Sin correo");
    expect(await mailedTo(c.id)).toEqual([]);
  });

  it("refuses (422) another client's contact, an unknown one or one without e-mail, and changes nothing", async () => {
    const c = await newClient({ email: "pagos@uno.mx" });
    const mine = await newContact(c.id, "Propio", "propio@uno.mx");
    expect((await designate(c.id, mine.id)).status).toBe(200);
    const before = await clientOf(c.id);
    const other = await newClient();
    const theirs = await newContact(other.id, "Ajeno", "ajeno@dos.mx");
    const mute = await newContact(c.id, "Sin correo");

    for (const [contactId, code] of [
      [theirs.id, "billing_contact_not_of_client"],
      ["no-such-contact", "billing_contact_not_of_client"],
      [mute.id, "billing_contact_without_email"],
    ] as const) {
      const r = await s.reception.patch(`/api/clients/${c.id}`, {
        name: "Cambiado",
        billingContactId: contactId,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.body.error).toMatchObject({ code, details: { field: "billingContactId" } });
      expect(r.body.error.message).toMatch(/contacto de facturación/);
    }
    // In the reader's language: Ventas reads English.
    expect((await s.sales.patch("/api/auth/me", { locale: "en" })).status).toBe(200);
    const en = await s.sales.patch(`/api/clients/${c.id}`, { billingContactId: mute.id });
    expect(en.body.error.message).toMatch(/billing contact needs an e-mail/);
    expect(await clientOf(c.id)).toEqual(before);
    expect(await mailedTo(c.id)).toEqual(["propio@uno.mx"]);

    // A new client has no contacts yet: naming one refuses the create, and no client is made.
    const count = async () =>
      Number(
        (
          await t.app.ctx.db
            .selectFrom("clients")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const clients = await count();
    const created = await s.reception.post("/api/clients", { name: "Nuevo", billingContactId: mine.id });
    expect(created.status).toBe(422);
    expect(created.body.error.code).toBe("billing_contact_not_of_client");
    expect(await count()).toBe(clients);
  });

  it("clears the designation when the contact's e-mail is removed, with the client's version and audit", async () => {
    const c = await newClient({ email: "general@tres.mx" });
    const cxp = await newContact(c.id, "Cuentas por pagar", "cxp@tres.mx");
    const designated = (await designate(c.id, cxp.id)).body;
    const edited = await s.reception.patch(`/api/contacts/${cxp.id}`, { email: null });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const after = await clientOf(c.id);
    expect(after).toMatchObject({ billingContactId: null, version: designated.version + 1 });
    const audit = await t.app.ctx.db
      .selectFrom("audit_log")
      .select(["action", "changes"])
      .where("entity", "=", "client")
      .where("entity_id", "=", c.id)
      .execute();
    expect(audit.map((a) => JSON.parse(String(a.changes)))).toContainEqual({ billingContactId: null });
    expect(await mailedTo(c.id)).toEqual(["general@tres.mx"]);
    // Other edits of a contact leave the designation alone.
    const other = await newContact(c.id, "Otra", "otra@tres.mx");
    await designate(c.id, other.id);
    expect((await s.reception.patch(`/api/contacts/${other.id}`, { position: "Tesorería" })).status).toBe(
      200,
    );
    expect((await clientOf(c.id)).billingContactId).toBe(other.id);
  });

  it("never ends with a billing contact without e-mail when its designation and e-mail removal race", async () => {
    const c = await newClient();
    for (let i = 0; i < 6; i++) {
      const contact = await newContact(c.id, `Carrera ${i}`, `carrera${i}@cinco.mx`);
      const [designated, edited] = await Promise.all([
        designate(c.id, contact.id),
        s.reception.patch(`/api/contacts/${contact.id}`, { email: null }),
      ]);
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      // Either order is fine: designated first and then cleared, or refused for having no e-mail.
      expect([200, 422]).toContain(designated.status);
      expect((await clientOf(c.id)).billingContactId).toBeNull();
    }
  });

  it("leaves no dangling reference when the contact is deleted from the database", async () => {
    const c = await newClient({ email: "general@cuatro.mx" });
    const cxp = await newContact(c.id, "Se va", "seva@cuatro.mx");
    expect((await designate(c.id, cxp.id)).status).toBe(200);
    // No route deletes contacts; the foreign key (on delete set null) covers a deletion at the database.
    await t.app.ctx.db.deleteFrom("contact_channels").where("contact_id", "=", cxp.id).execute();
    await t.app.ctx.db.deleteFrom("contacts").where("id", "=", cxp.id).execute();
    expect((await clientOf(c.id)).billingContactId).toBeNull();
    expect(await mailedTo(c.id)).toEqual(["general@cuatro.mx"]);
  });

  it("migration 032 gives invoices issued before it the address of their mail, and null to one never mailed", async () => {
    const db = t.app.ctx.db;
    const issued = () =>
      db
        .selectFrom("invoices")
        .select(["id", "mailed_to"])
        .where("issued_at", "is not", null)
        .orderBy("id")
        .execute();
    const before = await issued();
    expect(before.filter((r) => r.mailed_to === null)).toHaveLength(1); // the client with no address
    expect(before.filter((r) => r.mailed_to !== null).length).toBeGreaterThan(3);
    // A ticket reply whose subject names each folio (a title the client wrote), queued after each
    // issue, to someone else: not the invoice's mail.
    const planted = await db
      .selectFrom("outbox")
      .selectAll()
      .where("kind", "=", "message")
      .where("ticket_id", "is not", null)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const folios = await db.selectFrom("invoices").select("folio").execute();
    const named = folios.map((f) => f.folio).join(" ");
    await db
      .insertInto("outbox")
      .values({
        ...planted,
        id: `planted-${kind}`,
        message_id: `<planted-${kind}@mesa>`,
        to_addr: "mallory@atacante.example",
        subject: `Re: [OS-2026-000001] Dudas ${named}`,
        attachments: JSON.stringify(folios.map((f) => ({ filename: `${f.folio}.pdf`, contentType: "x" }))),
        created_at: "2099-01-01T00:00:00.000Z",
      })
      .execute();
    // As earlier versions left the table: no column. The migration finds each address in the outbox.
    await db.schema.alterTable("invoices").dropColumn("mailed_to").execute();
    await invoiceMailedToMigration.up!(db as never);
    expect(await issued()).toEqual(before);
  });
});
