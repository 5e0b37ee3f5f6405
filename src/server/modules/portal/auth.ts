import type { OutboxKind } from "../../../contract/mail.js";
import type { PortalLinkPurpose } from "../../../contract/portal.js";
import { abuseKeyOf } from "../../../domain/network.js";
import { normalizeEmail } from "../../../domain/text.js";
import type { Actor, AppContext } from "../../context.js";
import { AppError } from "../../platform/errors.js";
import { newId, newSecret, sha256 } from "../../platform/ids.js";
import { queueMail } from "../mail/outbox.js";
import { mailSettings } from "../mail/settings.js";
import { render } from "../mail/templates.js";
import { isContactAccount, type PortalCaller, portalCallerOf } from "./policy.js";
import { portalRepo } from "./repository.js";

export const PORTAL_COOKIE = "mesa_portal";
/** A sign-in link works once, for this long (SPEC §10: single use, expiring). */
export const LINK_MINUTES = 15;
/** A survey link (sent by reception after closing) lets the contact answer days later. */
export const SURVEY_LINK_DAYS = 7;
const WINDOW_MS = 15 * 60_000;
/** Links sent per address and requests per IP in WINDOW_MS; more are silently dropped (still 202). */
export const PER_ADDRESS = 3;
export const PER_IP = 20;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Each purpose's mail: its template, its outbox kind, and how long its link works (a sign-in link is
 * asked for and opened at once; a survey or an invitation is read days later).
 */
const LINK_MAILS = {
  sign_in: { template: "portal-link", kind: "portal_link", ttlMs: LINK_MINUTES * 60_000 },
  survey: { template: "portal-survey", kind: "portal_survey", ttlMs: SURVEY_LINK_DAYS * 24 * 3600_000 },
  invite: { template: "portal-invite", kind: "portal_invite", ttlMs: SURVEY_LINK_DAYS * 24 * 3600_000 },
} as const satisfies Record<PortalLinkPurpose, { template: string; kind: OutboxKind; ttlMs: number }>;

/** Writes a link row and its mail in one transaction; returns nothing the caller could leak. */
export async function sendLink(
  ctx: AppContext,
  account: { id: string; email: string; name: string; locale: string },
  purpose: PortalLinkPurpose,
  extra: { nextPath?: string; folio?: string; ticketId?: string | null } = {},
): Promise<void> {
  const token = newSecret();
  const now = ctx.clock();
  const { template, kind, ttlMs } = LINK_MAILS[purpose];
  const lang = account.locale === "en" ? "en" : "es";
  const settings = await mailSettings(ctx);
  const link = `${ctx.config.publicUrl}/portal/entrar?token=${token}`;
  const mail = render(ctx.config.dataDir, template, lang, {
    name: account.name,
    company: settings.companyName,
    link,
    portal: `${ctx.config.publicUrl}/portal`,
    minutes: String(LINK_MINUTES),
    days: String(SURVEY_LINK_DAYS),
    folio: extra.folio ?? "",
  });
  await ctx.db.transaction().execute(async (trx) => {
    await portalRepo.addLink(trx, {
      token_hash: sha256(token),
      user_id: account.id,
      purpose,
      next_path: extra.nextPath ?? null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlMs).toISOString(),
      used_at: null,
    });
    await queueMail(ctx, trx, {
      kind,
      ticketId: extra.ticketId ?? null,
      to: account.email,
      ...mail,
      autoSubmitted: "auto-generated",
    });
  });
}

/**
 * Counts this request against the address and the IP; false when either is over its limit. The request
 * is written before the counts are read: of parallel requests each sees every one written before its
 * own, so no burst gets past the limit (counting first let all of a burst see the same count).
 */
async function withinLimits(ctx: AppContext, email: string, ip: string): Promise<boolean> {
  const now = ctx.clock();
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const at = now.toISOString();
  const addrKey = `addr:${sha256(email)}`;
  const ipKey = `ip:${abuseKeyOf(ip)}`;
  await portalRepo.addRequest(ctx.db, { id: newId(), key: ipKey, at });
  await portalRepo.addRequest(ctx.db, { id: newId(), key: addrKey, at });
  const [byAddr, byIp] = await Promise.all([
    portalRepo.countRequests(ctx.db, addrKey, since),
    portalRepo.countRequests(ctx.db, ipKey, since),
  ]);
  // Old counts are of no use to anyone; a cheap indexed delete keeps the table small.
  await portalRepo.pruneRequests(ctx.db, new Date(now.getTime() - 2 * WINDOW_MS).toISOString());
  return byIp <= PER_IP && byAddr <= PER_ADDRESS;
}

/**
 * POST /api/portal/magic-link: always the same answer (202). The same reads run for known and
 * unknown addresses; only an active portal account gets a mail, within the per-address and per-IP limits.
 */
export async function requestLink(ctx: AppContext, rawEmail: string, ip: string): Promise<void> {
  const started = performance.now();
  try {
    const email = normalizeEmail(rawEmail);
    const [account, allowed] = await Promise.all([
      portalRepo.accountByEmail(ctx.db, email),
      withinLimits(ctx, email, ip),
    ]);
    if (!account || !allowed || !isContactAccount(account)) return;
    await sendLink(ctx, account, "sign_in");
  } finally {
    await untilAtLeast(started, ANSWER_FLOOR_MS);
  }
}

/**
 * The least time a link request takes to answer, sent or not. Writing a link and its mail took ~9 ms
 * against ~4 ms for an unknown address (measured from outside), which told which addresses have a
 * portal account; both now answer after this floor, several times the longer path.
 */
export const ANSWER_FLOOR_MS = 150;

const untilAtLeast = (started: number, ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, started + ms - performance.now())));

const linkError = (
  code: "magic_link_invalid" | "magic_link_expired" | "magic_link_used",
  details?: unknown,
) => new AppError(code, `portal.${code}`, {}, details ?? null);

/**
 * A used link opened again in a browser signed in as the link's own contact (a double click, a mail
 * scanner, the survey mail read again): the refusal says where the link led, for the portal to go
 * there. Nobody else learns it.
 */
const usedLink = (link: { user_id: string; next_path: string | null }, signedInAs: string | null) =>
  linkError("magic_link_used", signedInAs === link.user_id ? { next: link.next_path ?? "/portal" } : null);

/**
 * POST /api/portal/session: the link's token, once, for a session. Nothing changes on a refusal.
 * `signedInAs`: the portal account of the request's own session, if any.
 */
export async function exchangeToken(ctx: AppContext, token: string, signedInAs: string | null = null) {
  const invalid = () => linkError("magic_link_invalid");
  if (!TOKEN_PATTERN.test(token)) throw invalid();
  const hash = sha256(token);
  const link = await portalRepo.link(ctx.db, hash);
  if (!link) throw invalid();
  const now = ctx.clock();
  const nowIso = now.toISOString();
  if (link.used_at) throw usedLink(link, signedInAs);
  if (link.expires_at <= nowIso) throw linkError("magic_link_expired");
  const account = await portalRepo.accountById(ctx.db, link.user_id);
  if (!account || !isContactAccount(account)) throw invalid();
  // Conditional on "still unused and unexpired": of two tabs opening the same link, one signs in.
  if (!(await portalRepo.claimLink(ctx.db, hash, nowIso))) throw usedLink(link, signedInAs);
  const sessionToken = newSecret();
  const csrfToken = newSecret(24);
  const expiresAt = new Date(now.getTime() + ctx.config.sessionHours * 3600_000);
  await portalRepo.deleteExpiredSessions(ctx.db, nowIso);
  await portalRepo.addSession(ctx.db, {
    id: sha256(sessionToken),
    user_id: account.id,
    csrf_token: csrfToken,
    created_at: nowIso,
    expires_at: expiresAt.toISOString(),
  });
  const caller = portalCallerOf(account, sha256(sessionToken), csrfToken);
  return { caller, sessionToken, csrfToken, expiresAt, next: link.next_path };
}

/** The portal caller of a session cookie; null when absent, expired or the account was disabled. */
export async function callerFromCookie(ctx: AppContext, cookie: string): Promise<PortalCaller | null> {
  const id = sha256(cookie);
  const session = await portalRepo.session(ctx.db, id);
  if (!session) return null;
  if (session.expires_at <= ctx.clock().toISOString()) {
    await portalRepo.deleteSession(ctx.db, id);
    return null;
  }
  const account = await portalRepo.accountById(ctx.db, session.user_id);
  if (!account || !isContactAccount(account)) return null;
  return portalCallerOf(account, id, session.csrf_token);
}

export async function endSession(ctx: AppContext, actor: Actor): Promise<void> {
  if (actor.sessionId) await portalRepo.deleteSession(ctx.db, actor.sessionId);
}
