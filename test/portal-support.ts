import type { MesaApp } from "../src/server/app.js";
import type { Res } from "./client.js";
import type { Staff } from "./fixtures.js";

/** A client contact in the portal: its session cookie and CSRF token, as the portal page holds them. */
export class PortalClient {
  constructor(
    readonly app: MesaApp,
    readonly cookie: string,
    readonly csrf: string,
    readonly user: { id: string; email: string; companyAdmin: boolean },
  ) {}

  async req<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method: method as "GET",
      url,
      headers: { cookie: `mesa_portal=${this.cookie}`, "x-csrf-token": this.csrf, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const isJson = String(res.headers["content-type"] ?? "").includes("json");
    return {
      status: res.statusCode,
      body: isJson && res.body ? JSON.parse(res.body) : null,
      headers: res.headers,
      raw: res.rawPayload,
    } as Res<T> & { raw: Buffer };
  }
  get = <T = any>(url: string) => this.req<T>("GET", url);
  post = <T = any>(url: string, body?: unknown, headers?: Record<string, string>) =>
    this.req<T>("POST", url, body ?? {}, headers);
}

export async function requestLink(
  app: MesaApp,
  email: string,
  ip = `198.51.100.${1 + Math.floor(Math.random() * 250)}`,
) {
  return app.inject({ method: "POST", url: "/api/portal/magic-link", payload: { email }, remoteAddress: ip });
}

/** The outbox rows of sign-in links (or of another portal mail `kind`) sent to an address, newest last. */
export async function linkMails(
  app: MesaApp,
  to: string,
  kind: "portal_link" | "portal_invite" | "portal_survey" | "portal_address" = "portal_link",
) {
  return app.ctx.db
    .selectFrom("outbox")
    .selectAll()
    .where("to_addr", "=", to)
    .where("kind", "=", kind)
    .orderBy("created_at")
    .execute();
}

/** The token of the newest sign-in link mailed to `to`, read from the outbox as the contact would. */
export async function latestToken(app: MesaApp, to: string): Promise<string> {
  const rows = await linkMails(app, to);
  const text = rows.at(-1)?.text_body ?? "";
  const m = /\/portal\/entrar\?token=([A-Za-z0-9_-]+)/.exec(text);
  if (!m) throw new Error(`no sign-in link mailed to ${to}`);
  return m[1]!;
}

export async function exchange(app: MesaApp, token: unknown) {
  return app.inject({ method: "POST", url: "/api/portal/session", payload: { token } as object });
}

/** Invites the contact (Ventas), asks for a link, opens it: a signed-in portal client. */
export async function portalSignIn(app: MesaApp, staff: Staff, contactId: string, email: string) {
  const invited = await staff.sales.post(`/api/contacts/${contactId}/portal-invite`);
  if (invited.status !== 200) throw new Error(`invite: ${JSON.stringify(invited.body)}`);
  const asked = await requestLink(app, email);
  if (asked.statusCode !== 202) throw new Error(`magic-link: ${asked.statusCode}`);
  const res = await exchange(app, await latestToken(app, email));
  if (res.statusCode !== 200) throw new Error(`session: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "mesa_portal")!;
  const body = res.json();
  return new PortalClient(app, cookie.value, body.csrfToken, body.user);
}

/** Walks a phone ticket of the contact from intake to closed, as the desk does: what a survey is about. */
export async function closedTicket(staff: Staff, clientId: string, contactId: string): Promise<string> {
  const created = await staff.reception.post("/api/tickets", {
    clientId,
    contactId,
    title: "Cambio de tóner",
    description: "",
    urgent: false,
    channel: "phone",
  });
  const id = created.body.id;
  const go = (who: keyof Staff, body: object) => staff[who].post(`/api/tickets/${id}/transitions`, body);
  await go("reception", { action: "assign", assigneeId: staff.technician.user!.id });
  await go("technician", { action: "start" });
  await staff.technician.post(`/api/tickets/${id}/time-entries`, {
    minutes: 30,
    mode: "onsite",
    activity: "Cambio",
  });
  await go("technician", { action: "attend" });
  await go("technician", { action: "accept", signerName: "Ana" });
  await go("senior", { action: "review" });
  const closed = await go("leader", { action: "close", billingStatus: "no_charge" });
  if (closed.body.status !== "closed")
    throw new Error(`close: ${closed.status} ${JSON.stringify(closed.body)}`);
  return id;
}
