import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldForSearch } from "../../src/domain/text.js";
import { ticketSearchPhonesMigration } from "../../src/server/platform/database/migrations/036_ticket_search_phones.js";
import { createClientWithContact, type Staff, seedStaff, validRfc } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";
import { deliver, drain, mailEnv, Sink } from "../mail-support.js";
import { portalSignIn } from "../portal-support.js";

/**
 * Reception searches tickets by the number a caller rings from, however it is written: tickets hold
 * their contact's phones (all of them) as digits, follow a change of them, and a ticket of an
 * unidentified sender, once linked, is found by its client's name and its contact's phone.
 */
describe.each(DATABASES)("tickets found by the contact's phone, on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const sink = new Sink();
  let acme: Awaited<ReturnType<typeof createClientWithContact>>;
  let other: Awaited<ReturnType<typeof createClientWithContact>>;
  let acmeTicket = "";

  beforeAll(async () => {
    await sink.start();
    t = await startApp(kind, { env: mailEnv(sink) });
    s = await seedStaff(t.app);
    acme = await createClientWithContact(s, "Acme Telefonía", validRfc("ATE050505AB"), "ana@acme-tel.mx");
    other = await createClientWithContact(s, "Beta Redes", validRfc("BRE060606CD"), "beto@beta-redes.mx");
    const moved = await s.reception.req("PATCH", `/api/contacts/${acme.contact.id}`, {
      phone: "55 4321 8765",
      phones: ["33 1111 2222"],
      version: acme.contact.version,
    });
    expect(moved.status).toBe(200);
    const made = await s.reception.post("/api/tickets", {
      clientId: acme.client.id,
      contactId: acme.contact.id,
      title: "No hay tono en recepción",
      description: "El conmutador no da tono.",
      urgent: false,
      channel: "phone",
    });
    expect(made.status).toBe(201);
    acmeTicket = made.body.id;
    await s.reception.post("/api/tickets", {
      clientId: other.client.id,
      contactId: other.contact.id,
      title: "Otro cliente, otro número",
      description: "",
      urgent: false,
      channel: "phone",
    });
  });
  afterAll(async () => {
    await t?.close();
    await sink.stop();
  });

  const found = async (q: string) => {
    const res = await s.reception.get(`/api/tickets?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return (res.body.items as { id: string }[]).map((x) => x.id);
  };

  it("finds the ticket by its contact's phone however it is dictated, and nobody else's", async () => {
    for (const q of ["5543218765", "55 4321 8765", "(55) 4321-8765", "+52 55 4321 8765", "4321-8765"])
      expect(await found(q), q).toEqual([acmeTicket]);
    // The contact's other phone finds it too.
    expect(await found("33 1111 2222")).toEqual([acmeTicket]);
    // A number nobody has finds nothing (not every ticket with a 55 somewhere).
    expect(await found("55 9999 0000")).toEqual([]);
  });

  it("a folio's year and number typed without its prefix is still a folio, not a phone", async () => {
    const folio = (await s.reception.get(`/api/tickets/${acmeTicket}`)).body.folio as string;
    expect(await found(folio.replace(/^OS-/, ""))).toEqual([acmeTicket]);
  });

  it("finds the numbers a ticket's own text writes with punctuation, however they are typed", async () => {
    const filed = await s.reception.post("/api/tickets", {
      clientId: other.client.id,
      title: "Sin acceso al servidor 192.168.10.25",
      description: "Corte programado 2026-03-15. Llamar al proveedor al 55 2468 1357.",
      urgent: false,
      channel: "phone",
    });
    expect(filed.status).toBe(201);
    for (const q of ["192.168.10.25", "2026-03-15", "55 2468 1357", "5524681357", "(55) 2468-1357"])
      expect(await found(q), q).toEqual([filed.body.id]);
    // A folio with a space for its hyphen is the folio.
    expect(await found(filed.body.folio.replace(/^OS-(\d{4})-/, "$1 "))).toEqual([filed.body.id]);
    // A long reference that starts with 52 is not cut down to a phone («…5543218765» is Acme's).
    expect(await found("5200000005543218765")).toEqual([]);
  });

  it("follows a change of the contact's phones: the old number no longer finds the ticket", async () => {
    const current = (await s.reception.get(`/api/contacts/${acme.contact.id}`)).body;
    const changed = await s.reception.req("PATCH", `/api/contacts/${acme.contact.id}`, {
      phones: ["81 2222 3333"],
      version: current.version,
    });
    expect(changed.status).toBe(200);
    expect(await found("33 1111 2222")).toEqual([]);
    expect(await found("81 2222 3333")).toEqual([acmeTicket]);
    expect(await found("55 4321 8765")).toEqual([acmeTicket]);
  });

  it("tickets from the portal and from a known contact's mail are found by the contact's phone", async () => {
    const portal = await portalSignIn(t.app, s, other.contact.id, "beto@beta-redes.mx");
    const filed = await portal.post("/api/portal/tickets", { title: "Desde el portal", wasWorking: false });
    expect(filed.status).toBe(201);
    await deliver(t.app, {
      from: "beto@beta-redes.mx",
      to: "soporte@encor.mx",
      subject: "Desde el correo",
      text: "Sin red.",
      messageId: "<phone-search-1@beta-redes.mx>",
    });
    await drain(t.app);
    const phone = (other.contact.phone as string).replace("+52 ", "");
    const titles = (await s.reception.get(`/api/tickets?q=${encodeURIComponent(phone)}`)).body.items.map(
      (x: { title: string }) => x.title,
    );
    expect(titles.sort()).toEqual(["Desde el correo", "Desde el portal", "Otro cliente, otro número"]);
  });

  it("a stranger's mail, once linked to its client, is found by the client's name and the contact's phone", async () => {
    await deliver(t.app, {
      from: "desconocido@gmail.com",
      to: "soporte@encor.mx",
      subject: "Se fue la luz en el site",
      text: "Todo apagado.",
      messageId: "<phone-search-2@gmail.com>",
    });
    await drain(t.app);
    const [ticket] = (await s.reception.get(`/api/tickets?q=${encodeURIComponent("se fue la luz")}`)).body
      .items;
    expect(ticket.unknownSender).toBe(true);
    expect(await found("acme telefonia")).not.toContain(ticket.id);
    const linked = await s.reception.post(`/api/tickets/${ticket.id}/link-sender`, {
      clientId: acme.client.id,
      contactId: acme.contact.id,
    });
    expect(linked.status).toBe(200);
    expect(await found("acme telefonia luz")).toEqual([ticket.id]);
    expect(await found("sin identificar luz")).toEqual([]);
    expect(await found("81 2222 3333")).toContain(ticket.id);
  });

  type Text = { id: string; folio: string; title: string; description: string; search_text: string };
  const texts = async () =>
    (
      await sql<Text>`select id, folio, title, description, search_text from tickets order by id`.execute(
        t.app.ctx.db,
      )
    ).rows;

  /** Every ticket's search text as the code before phones wrote it: no phones, a linked ticket still the placeholder's. */
  async function staleTexts(rows: Text[]): Promise<void> {
    const db = t.app.ctx.db;
    const names = await sql<{ id: string; client: string; contact: string | null; linked: number }>`
      select t.id, c.name as client, k.name as contact,
        (select count(*) from ticket_history h where h.ticket_id = t.id and h.action = 'link_sender') as linked
      from tickets t join clients c on c.id = t.client_id left join contacts k on k.id = t.contact_id`.execute(
      db,
    );
    const byId = new Map(names.rows.map((r) => [r.id, r]));
    for (const r of rows) {
      const n = byId.get(r.id)!;
      const [client, contact] = Number(n.linked)
        ? ["Remitentes sin identificar", ""]
        : [n.client, n.contact ?? ""];
      const before = foldForSearch(
        `${r.folio} ${r.title} ${r.description.slice(0, 4000)} ${client} ${contact}`,
      );
      await db.updateTable("tickets").set({ search_text: before }).where("id", "=", r.id).execute();
    }
  }

  // The default batch (1,000) reads this small table in one; batches of 2 walk it in several, the
  // last one short or empty, as a large table is walked.
  it.each([1000, 2])(
    "the migration writes the phones, and a linked ticket's client, into the texts written before (batches of %i)",
    async (batch) => {
      const now = await texts();
      expect(now.length).toBeGreaterThan(2 * 2);
      await staleTexts(now);
      expect((await texts()).filter((r, i) => r.search_text !== now[i]!.search_text).length).toBeGreaterThan(
        0,
      );
      await ticketSearchPhonesMigration(kind, batch).up!(t.app.ctx.db as never);
      expect(new Map((await texts()).map((r) => [r.id, r.search_text]))).toEqual(
        new Map(now.map((r) => [r.id, r.search_text])),
      );
      expect(await found("81 2222 3333")).toHaveLength(2);
      expect(await found("192.168.10.25")).toHaveLength(1);
    },
  );
});
