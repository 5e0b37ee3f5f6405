import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientUser, createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";
import { drain, Sink } from "../mail-support.js";

describe.each(DATABASES)("mail settings and portal auto-reply on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  const sink = new Sink();

  beforeAll(async () => {
    await sink.start();
    t = await startApp(kind, {
      env: { MESA_SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MESA_MAIL_FROM: "mesa@encor.mx" },
    });
    staff = await seedStaff(t.app);
  });
  afterAll(async () => {
    await t?.close();
    await sink.stop();
  });

  it("the firm's name signs the mail; a portal ticket is answered in the user's language", async () => {
    expect((await staff.admin.get("/api/settings/mail")).body).toMatchObject({
      autoRepliesPerHour: 5,
      version: 0,
    });
    expect(
      (await staff.reception.put("/api/settings/mail", { companyName: "X", autoRepliesPerHour: 5 })).status,
    ).toBe(403);
    const bad = await staff.admin.put("/api/settings/mail", { companyName: "", autoRepliesPerHour: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
    const saved = await staff.admin.put("/api/settings/mail", {
      companyName: "Encor Soporte TI",
      autoRepliesPerHour: 5,
      version: 0,
    });
    expect(saved.body).toMatchObject({ companyName: "Encor Soporte TI", version: 1 });

    const acme = await createClientWithContact(staff, "Acme Industrial", "AIN050505AB6", "ana@acme.mx");
    const portal = await clientUser(staff, acme.client.id, "luis@acme.mx");
    expect((await portal.patch("/api/auth/me", { locale: "en" })).status).toBe(200);
    const created = await portal.post("/api/tickets", {
      clientId: acme.client.id,
      title: "No VPN",
      description: "",
      urgent: false,
      channel: "portal",
    });
    expect(created.status).toBe(201);
    await drain(t.app);
    const mail = sink.received.find((r) => JSON.stringify(r.mail.to).includes("luis@acme.mx"))!;
    expect(mail.mail.from?.value[0]).toEqual({ address: "mesa@encor.mx", name: "Encor Soporte TI" });
    expect(mail.mail.text).toContain("Encor Soporte TI");
    expect(mail.mail.subject).toContain(created.body.folio);
    expect(mail.mail.text).toContain("We received your request");
    expect(mail.mail.text).toMatch(/Mon–Fri 09:00–17:00 \(Central Standard Time\)/);
  });

  it("signs with the firm's profile name once it has one (the mail setting's is the fallback)", async () => {
    const company = (await staff.admin.get("/api/settings/company")).body;
    const put = await staff.admin.put("/api/settings/company", {
      name: "Encor S.A. de C.V.",
      version: company.version,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const gamma = await createClientWithContact(staff, "Gamma Textil", "GTE070707EF1", "gina@gamma.mx");
    const before = sink.received.length;
    const res = await staff.reception.post("/api/tickets", {
      clientId: gamma.client.id,
      contactId: gamma.contact.id,
      title: "Sin impresora",
      description: "",
      urgent: false,
      channel: "phone",
    });
    expect(res.status).toBe(201);
    await drain(t.app);
    const mail = sink.received
      .slice(before)
      .find((r) => JSON.stringify(r.mail.to).includes("gina@gamma.mx"))!;
    expect(mail.mail.from?.value[0]).toEqual({ address: "mesa@encor.mx", name: "Encor S.A. de C.V." });
    expect(mail.mail.text).toContain("Encor S.A. de C.V.");
    expect(mail.mail.text).not.toContain("Encor Soporte TI");
    // The portal's header names the firm the same way.
    const info = await t.app.inject({ method: "GET", url: "/api/portal/info" });
    expect(info.json().companyName).toBe("Encor S.A. de C.V.");
  });

  it("an auto-reply limit of 0 sends none; internal notes never leave", async () => {
    const current = (await staff.admin.get("/api/settings/mail")).body;
    await staff.admin.put("/api/settings/mail", { companyName: current.companyName, autoRepliesPerHour: 0 });
    const beta = await createClientWithContact(staff, "Beta Logística", "BLO060606CD1", "beto@beta.mx");
    const before = sink.received.length;
    const res = await staff.reception.post("/api/tickets", {
      clientId: beta.client.id,
      contactId: beta.contact.id,
      title: "Sin respuesta automática",
      description: "",
      urgent: false,
      channel: "phone",
    });
    await staff.admin.post(`/api/tickets/${res.body.id}/messages`, { kind: "note", body: "solo interno" });
    await drain(t.app);
    expect(sink.received.length).toBe(before);
  });
});
