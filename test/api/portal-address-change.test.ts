import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTICE_QUIET_MS } from "../../src/server/modules/clients/portal-address-notice.js";
import { portalAddressMigration } from "../../src/server/platform/database/migrations/030_portal_address.js";
import { createClientWithContact, type Staff, seedStaff, validRfc } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { exchange, latestToken, linkMails, portalSignIn, requestLink } from "../portal-support.js";

/**
 * The portal signs a contact in at the contact's e-mail. When staff change that address (the person
 * left, the mailbox moved), the old mailbox gets no more links and what it opened ends.
 */
/** Reception saves a contact's e-mail on the version it has just read. */
async function saveEmail(s: Staff, contactId: string, email: string | null) {
  const cur = (await s.reception.get(`/api/contacts/${contactId}`)).body;
  return s.reception.patch(`/api/contacts/${contactId}`, { email, version: cur.version });
}

describe.each(DATABASES)("a contact's portal access follows its e-mail on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let clientId = "";
  let contactId = "";
  const old = "jagutierrez@launica.mx";
  const moved = "nuevo.gerente@launica.mx";

  beforeAll(async () => {
    t = await startApp(kind);
    s = await seedStaff(t.app);
    const made = await createClientWithContact(s, "Ferretería La Única", "FLU010203AB1", old);
    clientId = made.client.id;
    contactId = made.contact.id;
  });
  afterAll(() => t.close());

  const contact = async () => (await s.reception.get(`/api/contacts/${contactId}`)).body;
  const editEmail = (email: string | null) => saveEmail(s, contactId, email);
  const portalUser = async () =>
    (await s.sales.get(`/api/clients/${clientId}/portal-users`)).body.items.find(
      (u: { contactId: string }) => u.contactId === contactId,
    );

  it("a technician or senior may edit the contact but not move its portal sign-in (the next link would go to them)", async () => {
    const session = await portalSignIn(t.app, s, contactId, old);
    for (const who of [s.technician, s.senior]) {
      const before = await contact();
      const moving = await who.patch(`/api/contacts/${contactId}`, {
        email: "tecnico@correo-propio.example",
        version: before.version,
      });
      expect(moving.status).toBe(403);
      expect(moving.body.error).toMatchObject({
        code: "forbidden",
        message:
          "Este contacto entra al portal de clientes con su correo: solo Recepción, líderes de proyecto y Ventas pueden cambiarlo.",
        details: { field: "email" },
      });
      const clearing = await who.patch(`/api/contacts/${contactId}`, {
        email: null,
        version: before.version,
      });
      expect(clearing.status).toBe(403);
      expect(await contact()).toMatchObject({ email: old, version: before.version });
      expect(await portalUser()).toMatchObject({ email: old });
      // The rest of the contact is theirs to edit, the same address included.
      const phone = await who.patch(`/api/contacts/${contactId}`, {
        phone: "5512345678",
        email: old,
        version: before.version,
      });
      expect(phone.status).toBe(200);
    }
    expect((await session.get("/api/portal/tickets")).status).toBe(200);
    await requestLink(t.app, "tecnico@correo-propio.example");
    expect(await linkMails(t.app, "tecnico@correo-propio.example")).toHaveLength(0);
  });

  it("moves the sign-in to the new address; the old one's session and links stop working", async () => {
    const session = await portalSignIn(t.app, s, contactId, old);
    expect((await session.get("/api/portal/tickets")).status).toBe(200);
    await requestLink(t.app, old);
    const unused = await latestToken(t.app, old);

    expect((await editEmail(moved)).status).toBe(200);
    expect((await session.get("/api/portal/tickets")).status).toBe(401);
    expect((await session.get("/api/portal/me")).status).toBe(401);
    expect((await exchange(t.app, unused)).statusCode).toBe(401);
    const sentToOld = (await linkMails(t.app, old)).length;
    expect((await requestLink(t.app, old)).statusCode).toBe(202);
    expect(await linkMails(t.app, old)).toHaveLength(sentToOld);

    expect((await requestLink(t.app, moved)).statusCode).toBe(202);
    const signedIn = await exchange(t.app, await latestToken(t.app, moved));
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user).toMatchObject({ email: moved, contactId });
    expect(await portalUser()).toMatchObject({ email: moved, status: "invited" });

    // The old mailbox is told, once, without being handed the new address.
    const [notice, ...more] = await linkMails(t.app, old, "portal_address");
    expect(more).toHaveLength(0);
    expect(notice!.subject).toBe("Su acceso al portal de clientes de Mesa de servicio cambió");
    expect(notice!.text_body).toContain("entra con el correo n•••@launica.mx, ya no con este");
    expect(notice!.text_body).toContain("Si tenía sesiones abiertas en el portal, se cerraron");
    expect(`${notice!.text_body}${notice!.html_body}`).not.toContain(moved);
    // Without the firm's phone, its support address; here mail is not set up (mesa@localhost, which no
    // client could write to), so the firm alone.
    expect(notice!.text_body).toContain(
      "Si usted no pidió este cambio, comuníquese con Mesa de servicio para aclararlo.",
    );
    expect(notice!.text_body).not.toContain("localhost");
  });

  it("refuses an address that is another user's sign-in, and changes nothing", async () => {
    const before = await contact();
    const taken = await editEmail("ventas@encor.mx");
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe("Ese correo ya pertenece a otro usuario de Mesa.");
    expect(await contact()).toMatchObject({ email: moved, version: before.version });
    expect(await linkMails(t.app, moved, "portal_address")).toHaveLength(0);
    expect(await portalUser()).toMatchObject({ email: moved, status: "invited" });
  });

  it("disables the account when the contact is left without e-mail; re-inviting needs an address", async () => {
    const company = (await s.admin.get("/api/settings/company")).body;
    const phone = { supportPhone: "33 3615 0000", version: company.version };
    expect((await s.admin.put("/api/settings/company", phone)).status).toBe(200);
    expect((await editEmail(null)).status).toBe(200);
    expect(await portalUser()).toMatchObject({ status: "disabled" });
    const [notice] = await linkMails(t.app, moved, "portal_address");
    expect(notice!.text_body).toContain("quedó desactivada: su ficha de contacto ya no tiene correo");
    expect(notice!.text_body).toContain("llame a Mesa de servicio al 33 3615 0000 para aclararlo.");
    const sent = (await linkMails(t.app, moved)).length;
    await requestLink(t.app, moved);
    expect(await linkMails(t.app, moved)).toHaveLength(sent);
    // A new address and a new invitation open the portal again, at that address. A disabled account
    // had nothing to lose: no notice.
    expect((await editEmail("gerencia@launica.mx")).status).toBe(200);
    expect(
      await t.app.ctx.db.selectFrom("outbox").select("id").where("kind", "=", "portal_address").execute(),
    ).toHaveLength(2);
    expect((await s.sales.post(`/api/contacts/${contactId}/portal-invite`)).status).toBe(200);
    await requestLink(t.app, "gerencia@launica.mx");
    const back = await exchange(t.app, await latestToken(t.app, "gerencia@launica.mx"));
    expect(back.statusCode).toBe(200);
    // Still one account for the contact (the re-invitation found its own, not a second one).
    const accounts = await t.app.ctx.db
      .selectFrom("users")
      .select("id")
      .where("contact_id", "=", contactId)
      .execute();
    expect(accounts).toHaveLength(1);
  });

  it("migration 030 moves accounts left at an old address by earlier versions, or disables them", async () => {
    const db = t.app.ctx.db;
    const made = async (name: string, rfc: string, email: string) => {
      const c = await createClientWithContact(s, name, rfc, email);
      expect((await s.sales.post(`/api/contacts/${c.contact.id}/portal-invite`)).status).toBe(200);
      return c.contact.id as string;
    };
    // As earlier versions left them: the contact's address changed, the account's did not.
    const movable = await made("Taller Uno", validRfc("TUN010203AB"), "uno@taller.mx");
    const blocked = await made("Taller Dos", validRfc("TDO010203AB"), "dos@taller.mx");
    await db
      .updateTable("contacts")
      .set({ email: "nuevo.uno@taller.mx" })
      .where("id", "=", movable)
      .execute();
    await db.updateTable("contacts").set({ email: "ventas@encor.mx" }).where("id", "=", blocked).execute();
    await portalAddressMigration.up!(db as never);
    const account = (contact: string) =>
      db
        .selectFrom("users")
        .select(["email", "active"])
        .where("contact_id", "=", contact)
        .executeTakeFirstOrThrow();
    expect(await account(movable)).toMatchObject({ email: "nuevo.uno@taller.mx", active: 1 });
    expect(await account(blocked)).toMatchObject({ email: "dos@taller.mx", active: 0 });
  });
});

describe.each(DATABASES)("moving a portal sign-in back and forth on %s", (kind) => {
  const time = manualClock(new Date().toISOString());
  let t: TestApp;
  let s: Staff;
  let contactId = "";
  const first = "compras@tallerlopez.mx";
  const second = "c.lopez@tallerlopez.mx";
  const third = "gerencia@tallerlopez.mx";

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    const made = await createClientWithContact(s, "Taller López", validRfc("TLO010203AB"), first);
    contactId = made.contact.id;
    expect((await s.sales.post(`/api/contacts/${contactId}/portal-invite`)).status).toBe(200);
  });
  afterAll(() => t.close());

  const editEmail = async (email: string) => expect((await saveEmail(s, contactId, email)).status).toBe(200);
  const notices = async (to: string) => (await linkMails(t.app, to, "portal_address")).length;

  it("tells each old address the same news once an hour, however many times the sign-in moves", async () => {
    await editEmail(second);
    await editEmail(first);
    await editEmail(second);
    await editEmail(first);
    expect(await notices(first)).toBe(1);
    expect(await notices(second)).toBe(1);
    // The account still follows every move: it signs in at the last address.
    const account = await t.app.ctx.db
      .selectFrom("users")
      .select("email")
      .where("contact_id", "=", contactId)
      .executeTakeFirstOrThrow();
    expect(account.email).toBe(first);
    // Within the hour, news it was not told: the sign-in went somewhere else.
    await editEmail(third);
    const told = await linkMails(t.app, first, "portal_address");
    expect(told).toHaveLength(2);
    expect(told[1]!.text_body).toContain("entra con el correo g•••@tallerlopez.mx");
    await editEmail(first);
    time.advance(NOTICE_QUIET_MS + 1000);
    await editEmail(second);
    expect(await notices(first)).toBe(3);
    expect(await notices(second)).toBe(1);
  });
});
