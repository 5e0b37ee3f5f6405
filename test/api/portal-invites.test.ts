import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";
import { exchange, linkMails } from "../portal-support.js";

describe.each(DATABASES)("contracts by Ventas and portal invitations on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let clientId = "";

  beforeAll(async () => {
    t = await startApp(kind);
    s = await seedStaff(t.app);
    clientId = (await s.reception.post("/api/clients", { name: "Clínica San Rafael" })).body.id;
  });
  afterAll(() => t.close());

  it("lets Ventas create and edit a contract; reception still may not", async () => {
    const body = { clientId, type: "SS", startsOn: "2026-01-01", monthlyFeeCents: 250_000 };
    const created = await s.sales.post("/api/contracts", body);
    expect(created.status).toBe(201);
    const edited = await s.sales.patch(`/api/contracts/${created.body.id}`, { monthlyFeeCents: 300_000 });
    expect(edited.status).toBe(200);
    expect(edited.body.monthlyFeeCents).toBe(300_000);
    expect((await s.reception.post("/api/contracts", body)).status).toBe(403);
    expect(
      (await s.technician.patch(`/api/contracts/${created.body.id}`, { monthlyFeeCents: 1 })).status,
    ).toBe(403);
  });

  /** The invitation mails sent to an address, oldest first. */
  const invitations = (to: string) => linkMails(t.app, to, "portal_invite");

  it("mails the invitation: what the portal is, a first link that works once for days, and where to come back", async () => {
    const own = (await s.reception.post("/api/clients", { name: "Constructora Altiplano" })).body.id;
    const contact = await s.reception.post("/api/contacts", {
      clientId: own,
      name: "Ing. Mariana Torres",
      email: "mariana.torres@sanrafael.mx",
    });
    expect((await invitations("mariana.torres@sanrafael.mx")).length).toBe(0);
    const invited = await s.sales.post(`/api/contacts/${contact.body.id}/portal-invite`);
    expect(invited.status).toBe(200);
    const [mail] = await invitations("mariana.torres@sanrafael.mx");
    // From the firm's name (company settings; "Mesa de servicio" until it is set).
    expect(mail?.subject).toBe("Mesa de servicio le invita a su portal de clientes");
    expect(mail?.text_body).toContain("Hola Ing. Mariana Torres:");
    expect(mail?.text_body).toContain("vence en 7 días");
    expect(mail?.text_body).toMatch(/entre cuando quiera en http:\/\/[^\s]+\/portal con este correo/);
    expect(mail?.html_body).toContain("Entrar al portal por primera vez");
    // The link signs the contact in (the account turns active), once.
    const token = /\/portal\/entrar\?token=([A-Za-z0-9_-]+)/.exec(mail?.text_body ?? "")?.[1];
    const link = await t.app.ctx.db
      .selectFrom("portal_links")
      .select(["purpose", "created_at", "expires_at"])
      .where("user_id", "=", invited.body.id)
      .executeTakeFirstOrThrow();
    expect(link.purpose).toBe("invite");
    expect(Date.parse(link.expires_at) - Date.parse(link.created_at)).toBe(7 * 24 * 3600_000);
    const signedIn = await exchange(t.app, token);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user).toMatchObject({ email: "mariana.torres@sanrafael.mx" });
    expect((await exchange(t.app, token)).statusCode).toBe(401);
    // Invited again (a lost mail): a new invitation with a new link.
    await s.reception.post(`/api/contacts/${contact.body.id}/portal-invite`);
    const both = await invitations("mariana.torres@sanrafael.mx");
    expect(both).toHaveLength(2);
    expect(both[1]?.text_body).not.toContain(token);
  });

  it("invites a contact to the portal without a password, lists it, and re-invites idempotently", async () => {
    const contact = await s.reception.post("/api/contacts", {
      clientId,
      name: "Dra. Lucía Ramírez",
      email: "Lucia.Ramirez@SanRafael.mx",
    });
    const invited = await s.sales.post(`/api/contacts/${contact.body.id}/portal-invite`);
    expect(invited.status).toBe(200);
    expect(invited.body).toMatchObject({
      email: "lucia.ramirez@sanrafael.mx",
      name: "Dra. Lucía Ramírez",
      contactId: contact.body.id,
      status: "invited",
    });
    // No password: signing in with any password fails like an unknown account.
    const login = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "lucia.ramirez@sanrafael.mx", password: "cualquier-cosa-1" },
    });
    expect(login.statusCode).toBe(401);
    // Disabled by an admin, then invited again: active again, same account.
    await s.admin.patch(`/api/users/${invited.body.id}`, { active: false });
    let list = await s.reception.get(`/api/clients/${clientId}/portal-users`);
    expect(list.body.items).toEqual([expect.objectContaining({ id: invited.body.id, status: "disabled" })]);
    const again = await s.reception.post(`/api/contacts/${contact.body.id}/portal-invite`);
    expect(again.body).toMatchObject({ id: invited.body.id, status: "invited" });
    list = await s.reception.get(`/api/clients/${clientId}/portal-users`);
    expect(list.body.items).toHaveLength(1);
    const user = await s.admin.get(`/api/users/${invited.body.id}`);
    expect(user.body).toMatchObject({ roles: ["client"], clientId, active: true });
  });

  it("refuses a contact without e-mail, a staff member's e-mail, and technicians", async () => {
    const noMail = await s.reception.post("/api/contacts", { clientId, name: "Sin Correo" });
    const r = await s.reception.post(`/api/contacts/${noMail.body.id}/portal-invite`);
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/no tiene correo/);
    const staffMail = await s.reception.post("/api/contacts", {
      clientId,
      name: "Colado",
      email: "ventas@encor.mx",
    });
    const taken = await s.reception.post(`/api/contacts/${staffMail.body.id}/portal-invite`);
    expect(taken.status).toBe(409);
    const seller = await s.admin.get(`/api/users/${s.sales.user!.id}`);
    expect(seller.body.roles).toEqual(["sales"]);
    expect((await s.technician.post(`/api/contacts/${noMail.body.id}/portal-invite`)).status).toBe(403);
    expect((await s.reception.post("/api/contacts/nope/portal-invite")).status).toBe(404);
  });
});
