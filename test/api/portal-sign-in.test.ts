import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../../src/server/platform/ids.js";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { exchange, latestToken, linkMails, requestLink } from "../portal-support.js";

describe.each(DATABASES)("client portal sign-in by magic link on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  const time = manualClock("2026-11-24T16:00:00Z");
  let contactId = "";
  const email = "ana@nandu.mx";

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock, env: { MESA_PUBLIC_URL: "https://mesa.encor.mx" } });
    staff = await seedStaff(t.app);
    const made = await createClientWithContact(staff, "Constructora Ñandú", "CÑA010203AB5", email);
    contactId = made.contact.id;
    // A contact that was never invited, with its own address.
    await createClientWithContact(staff, "Sin Portal", "SPO010203AB3", "nadie@sinportal.mx");
    await staff.sales.post(`/api/contacts/${contactId}/portal-invite`);
  });
  afterAll(() => t?.close());

  const outboxCount = async () =>
    Number(
      (
        await t.app.ctx.db
          .selectFrom("outbox")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("answers 202 for every address, and mails a link only to an invited, active contact", async () => {
    const before = await outboxCount();
    const answers: string[] = [];
    for (const who of ["nadie@inexistente.mx", "nadie@sinportal.mx", "recepcion@encor.mx"]) {
      const r = await requestLink(t.app, who);
      expect(r.statusCode).toBe(202);
      answers.push(r.body);
    }
    expect(await outboxCount()).toBe(before);

    const r = await requestLink(t.app, "  Ana@Nandu.MX ");
    expect(r.statusCode).toBe(202);
    // The same answer, byte for byte, whether or not the address has an account.
    expect(new Set([...answers, r.body]).size).toBe(1);
    const mails = await linkMails(t.app, email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("portal");
    const token = await latestToken(t.app, email);
    expect(mails[0]!.text_body).toContain(`https://mesa.encor.mx/portal/entrar?token=${token}`);
    // Only the token's hash is kept.
    const links = await t.app.ctx.db.selectFrom("portal_links").selectAll().execute();
    expect(links.map((l) => l.token_hash)).toContain(sha256(token));
    expect(JSON.stringify(links)).not.toContain(token);
  });

  it("refuses wrong types and huge strings with 400", async () => {
    for (const payload of [{ email: 5 }, { email: "x".repeat(10_000) }, {}, { email: "a@b.mx", extra: 1 }]) {
      const r = await t.app.inject({ method: "POST", url: "/api/portal/magic-link", payload });
      expect(r.statusCode).toBe(400);
    }
    for (const payload of [{ token: 5 }, { token: "x".repeat(5000) }, {}]) {
      expect((await exchange(t.app, payload.token)).statusCode).toBe(400);
    }
  });

  it("opens a session once; the reused link is refused with its own code", async () => {
    time.advance(20 * 60_000);
    await requestLink(t.app, email);
    const token = await latestToken(t.app, email);
    const first = await exchange(t.app, token);
    expect(first.statusCode).toBe(200);
    expect(first.json().user).toMatchObject({ email, contactId, companyAdmin: false });
    expect(first.json().csrfToken).toEqual(expect.any(String));
    const cookie = first.cookies.find((c) => c.name === "mesa_portal");
    expect(cookie).toMatchObject({ httpOnly: true, path: "/api/portal" });
    const me = await t.app.inject({
      method: "GET",
      url: "/api/portal/me",
      headers: { cookie: `mesa_portal=${cookie!.value}` },
    });
    expect(me.json().user.email).toBe(email);

    const again = await exchange(t.app, token);
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe("magic_link_used");
    expect(again.cookies).toHaveLength(0);
  });

  it("refuses an expired link, and changes nothing", async () => {
    time.advance(20 * 60_000);
    await requestLink(t.app, email);
    const token = await latestToken(t.app, email);
    time.advance(16 * 60_000);
    const late = await exchange(t.app, token);
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe("magic_link_expired");
    const row = await t.app.ctx.db
      .selectFrom("portal_links")
      .selectAll()
      .where("token_hash", "=", sha256(token))
      .executeTakeFirstOrThrow();
    expect(row.used_at).toBeNull();
  });

  it("refuses a tampered link as invalid", async () => {
    time.advance(20 * 60_000);
    await requestLink(t.app, email);
    const token = await latestToken(t.app, email);
    const flipped = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const bad of [flipped, `${token}x`, token.slice(1), "nada"]) {
      const r = await exchange(t.app, bad);
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe("magic_link_invalid");
    }
    // The real link still works: the tampered tries used nothing up.
    expect((await exchange(t.app, token)).statusCode).toBe(200);
  });

  it("limits links per address: past the limit no more mails, still 202", async () => {
    time.advance(60 * 60_000);
    const before = (await linkMails(t.app, email)).length;
    for (let i = 0; i < 6; i++) expect((await requestLink(t.app, email)).statusCode).toBe(202);
    expect((await linkMails(t.app, email)).length - before).toBe(3);
  });

  it("holds the address limit against a burst of parallel requests", async () => {
    time.advance(60 * 60_000);
    const before = (await linkMails(t.app, email)).length;
    const burst = await Promise.all(Array.from({ length: 10 }, () => requestLink(t.app, email)));
    expect(burst.map((r) => r.statusCode)).toEqual(Array(10).fill(202));
    expect((await linkMails(t.app, email)).length - before).toBeLessThanOrEqual(3);
  });

  it("limits requests per IP, without saying so", async () => {
    time.advance(60 * 60_000);
    const before = (await linkMails(t.app, email)).length;
    for (let i = 0; i < 20; i++) await requestLink(t.app, `otro${i}@x.mx`, "192.0.2.9");
    expect((await requestLink(t.app, email, "192.0.2.9")).statusCode).toBe(202);
    expect((await linkMails(t.app, email)).length).toBe(before);
  });

  it("sends nothing to a disabled account", async () => {
    time.advance(60 * 60_000);
    const user = await t.app.ctx.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    await staff.admin.patch(`/api/users/${user.id}`, { active: false });
    const before = (await linkMails(t.app, email)).length;
    expect((await requestLink(t.app, email)).statusCode).toBe(202);
    expect((await linkMails(t.app, email)).length).toBe(before);
  });
  it("answers no sooner for an unknown address than for a contact's (the time told which had an account)", async () => {
    const took = async (who: string) => {
      const started = performance.now();
      expect((await requestLink(t.app, who)).statusCode).toBe(202);
      return performance.now() - started;
    };
    // ANSWER_FLOOR_MS (150): both paths answer after it, the mail written or not.
    expect(await took("nadie@inexistente.mx")).toBeGreaterThanOrEqual(145);
    expect(await took(email)).toBeGreaterThanOrEqual(145);
  });
});
