import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isOpen } from "../../src/domain/calendar/arithmetic.js";
import { businessCalendar } from "../../src/server/modules/settings/settings.js";
import { DemoRefused, seedDemo } from "../../src/server/platform/ops/demo.js";
import { STATUS_PLAN } from "../../src/server/platform/ops/demo-data.js";
import { signIn } from "../client.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

/** `npm run demo` on a fresh database of each kind: a consistent month, every status, sign-in accounts. */
describe.each(DATABASES)("demo data on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind);
  });
  afterAll(() => t.close());

  it("fills a fresh install through the services and refuses to run twice", {
    timeout: 240_000,
  }, async () => {
    const summary = await seedDemo(t.app.ctx);
    expect(summary.admin).toBe("admin@encor.mx");
    const leader = summary.accounts.find((a) => a.roles.includes("leader"))!;
    const caller = await signIn(t.app, leader.email, summary.password);
    for (const [status, n] of Object.entries(STATUS_PLAN)) {
      const r = await caller.get(`/api/tickets?status=${status}&limit=200`);
      expect(r.status).toBe(200);
      expect([status, r.body.items.length]).toEqual([status, n]);
    }
    const all = await caller.get("/api/tickets?limit=200");
    expect(new Set(all.body.items.map((i: { clientId: string }) => i.clientId)).size).toBe(summary.clients);
    // Every call came in while the desk was open (no weekends or holidays), and finished work was mostly
    // answered on time: the demo month is a believable firm, not a desk that is always late.
    const calendar = await businessCalendar(t.app.ctx);
    const closedAt = (i: { receivedAt: string }) => !isOpen(calendar, Date.parse(i.receivedAt));
    expect(all.body.items.filter(closedAt)).toEqual([]);
    const done = (await caller.get("/api/tickets?status=closed&limit=200")).body.items;
    const late = done.filter((i: { responseBreached: boolean }) => i.responseBreached);
    expect(late.length).toBeLessThan(done.length / 4);
    // Consistent: a closed ticket has time, a review total and a survey or a call attempt in history.
    const closed = await caller.get("/api/tickets?status=closed&limit=1");
    const detail = await caller.get(`/api/tickets/${closed.body.items[0].id}`);
    expect(detail.body.rawMinutes).toBeGreaterThan(0);
    expect(detail.body.billableMinutes).toBeGreaterThanOrEqual(detail.body.rawMinutes);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining([
        "create",
        "assign",
        "start",
        "time_entry",
        "attend",
        "accept",
        "review",
        "close",
      ]),
    );
    expect(summary.surveys).toBeGreaterThan(10);
    // Contact names are searchable on the demo data too.
    expect((await caller.get("/api/tickets?q=gutierrez")).body.items.length).toBeGreaterThan(0);
    // Clients that name who receives their invoices have it set, a contact with an e-mail.
    const clients = (await caller.get("/api/clients?limit=50")).body.items as {
      id: string;
      name: string;
      billingContactId: string | null;
    }[];
    const refrigerados = clients.find((c) => c.name.startsWith("Transportes Refrigerados"))!;
    const contacts = (await caller.get(`/api/contacts?clientId=${refrigerados.id}`)).body.items as {
      id: string;
      name: string;
      email: string | null;
    }[];
    const billing = contacts.find((c) => c.id === refrigerados.billingContactId);
    expect(billing).toMatchObject({ name: "Sofía Medina", email: "smedina@trefbajio.example" });
    expect(clients.filter((c) => c.billingContactId).length).toBe(2);
    // The firm's own data is filled too: the Empresa page and the login screen are not blank.
    const company = await caller.get("/api/settings/company");
    expect(company.status).toBe(200);
    expect(company.body).toMatchObject({ name: "Encor S.A. de C.V.", rfc: "ENC050101AB9" });
    expect(company.body.supportPhone).toBeTruthy();
    // Priced drafts: a price list exists, so no draft waits for a price typed by hand.
    const drafts = (await caller.get("/api/invoices?status=draft")).body.items as {
      lines: { unitPriceCents: number }[];
    }[];
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.flatMap((d) => d.lines).filter((l) => l.unitPriceCents === 0)).toEqual([]);
    // Nothing it queued can reach a real mailbox once SMTP is set: every address is reserved (.example).
    const to = await t.app.ctx.db.selectFrom("outbox").select("to_addr").execute();
    expect(to.length).toBeGreaterThan(0);
    expect(to.filter((r) => !r.to_addr.endsWith(".example"))).toEqual([]);
    // The portal can be tried: invited contacts get a sign-in link on the server's own address.
    expect(summary.portal).toHaveLength(2);
    const ask = await t.app.inject({
      method: "POST",
      url: "/api/portal/magic-link",
      payload: { email: summary.portal[0]!.email },
    });
    expect(ask.statusCode).toBe(202);
    const links = await t.app.ctx.db
      .selectFrom("outbox")
      .select(["kind", "text_body"])
      .where("to_addr", "=", summary.portal[0]!.email)
      .where("text_body", "like", "%/portal/entrar?token=%")
      .orderBy("kind")
      .execute();
    // The invitation the demo's «Invitar al portal» mailed, and the sign-in link just asked for.
    expect(links.map((l) => l.kind)).toEqual(["portal_invite", "portal_link"]);
    await expect(seedDemo(t.app.ctx)).rejects.toThrow(/--force/);
  });

  it("tells a database without an administrator how to make one, not to use --force", async () => {
    const empty = await startApp(kind, {
      env: { MESA_ADMIN_EMAIL: undefined, MESA_ADMIN_PASSWORD: undefined },
    });
    try {
      const refusal = seedDemo(empty.app.ctx);
      await expect(refusal).rejects.toBeInstanceOf(DemoRefused);
      await expect(refusal).rejects.toThrow(/configuración inicial/);
      await expect(refusal).rejects.not.toThrow(/--force/);
    } finally {
      await empty.close();
    }
  });
});
