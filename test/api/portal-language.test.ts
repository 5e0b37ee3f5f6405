import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";
import { linkMails, type PortalClient, portalSignIn, requestLink } from "../portal-support.js";

/**
 * The portal's language switch is saved to the contact's account (PATCH /api/portal/me): the firm's
 * mails to the contact come in it, not only the screens.
 */
describe.each(DATABASES)("the portal's language, saved to the account, on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let portal: PortalClient;
  const email = "dana@payables.example";

  beforeAll(async () => {
    t = await startApp(kind);
    s = await seedStaff(t.app);
    const made = await createClientWithContact(s, "Payables Inc", "PAY010203AB5", email);
    portal = await portalSignIn(t.app, s, made.contact.id, email);
  });
  afterAll(() => t?.close());

  const me = async () => (await portal.get("/api/portal/me")).body.user;
  const lastLinkSubject = async () => {
    await requestLink(t.app, email);
    return (await linkMails(t.app, email)).at(-1)!.subject;
  };

  it("switched to English, the account and its next mails are in English; back to Spanish, in Spanish", async () => {
    expect((await me()).locale).toBe("es-MX");
    const english = await portal.req("PATCH", "/api/portal/me", { locale: "en" });
    expect(english.status).toBe(200);
    expect(english.body.user).toMatchObject({ email, locale: "en" });
    expect((await me()).locale).toBe("en");
    expect(await lastLinkSubject()).toMatch(/sign-in link/i);

    expect((await portal.req("PATCH", "/api/portal/me", { locale: "es-MX" })).status).toBe(200);
    expect((await me()).locale).toBe("es-MX");
    expect(await lastLinkSubject()).toMatch(/enlace/i);
  });

  it("refuses another language, other fields, no session and no CSRF token, and changes nothing", async () => {
    for (const body of [{ locale: "fr" }, { locale: "en", name: "Otro" }, { locale: 1 }, {}]) {
      const r = await portal.req("PATCH", "/api/portal/me", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe("validation_failed");
    }
    const anonymous = await t.app.inject({
      method: "PATCH",
      url: "/api/portal/me",
      payload: { locale: "en" },
    });
    expect(anonymous.statusCode).toBe(401);
    const noCsrf = await portal.req("PATCH", "/api/portal/me", { locale: "en" }, { "x-csrf-token": "" });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe("csrf_token_invalid");
    expect(await me()).toMatchObject({ locale: "es-MX", name: expect.not.stringMatching(/^Otro$/) });
  });
});
