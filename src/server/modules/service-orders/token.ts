import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { newSecret } from "../../platform/ids.js";
import { settingsRepo } from "../settings/repository.js";

/** How long a mailed acceptance link stays good. */
export const LINK_DAYS = 30;
const SECRET_KEY = "service-order-link-secret";
/** The stored key: newSecret's base64url text (32 bytes → 43 characters). */
const StoredSecret = z.string().min(32);

/**
 * The key that signs acceptance links: MESA_LINK_SECRET; without it, one random key kept in the
 * settings table (made once, shared by every instance on the same database).
 */
async function linkSecret(ctx: AppContext): Promise<string> {
  if (ctx.config.linkSecret) return ctx.config.linkSecret;
  const stored = await settingsRepo.get(ctx.db, SECRET_KEY);
  if (stored !== undefined) return storedSecret(stored);
  // Of several instances racing here, one key is kept; every one then signs with that one.
  await settingsRepo.insertIfAbsent(ctx.db, SECRET_KEY, newSecret(32), ctx.clock().toISOString(), null);
  return storedSecret(await settingsRepo.get(ctx.db, SECRET_KEY));
}

/** A stored key that is not one (edited by hand) must not sign links: a 500 naming the fix. */
function storedSecret(value: unknown): string {
  const parsed = StoredSecret.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Error(
    `the "${SECRET_KEY}" setting is not a signing key: delete that row or set MESA_LINK_SECRET`,
  );
}

const mac = (secret: string, id: string, ticketId: string, exp: string) =>
  createHmac("sha256", secret).update(`service-order:${id}:${ticketId}:${exp}`).digest("base64url");

/** `<link id>.<expiry, epoch seconds>.<HMAC>`: the id finds the row, the HMAC proves Mesa made it. */
export async function signLink(ctx: AppContext, id: string, ticketId: string, expiresAt: Date) {
  const exp = String(Math.floor(expiresAt.getTime() / 1000));
  return `${id}.${exp}.${mac(await linkSecret(ctx), id, ticketId, exp)}`;
}

export function parseLink(token: string): { id: string; exp: string; sig: string } | null {
  const [, id, exp, sig] = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token.trim()) ?? [];
  return id !== undefined && exp !== undefined && sig !== undefined ? { id, exp, sig } : null;
}

/** True when the signature is Mesa's for this link, ticket and expiry (constant-time comparison). */
export async function linkSignatureOk(
  ctx: AppContext,
  parsed: { id: string; exp: string; sig: string },
  ticketId: string,
): Promise<boolean> {
  const want = Buffer.from(mac(await linkSecret(ctx), parsed.id, ticketId, parsed.exp));
  const got = Buffer.from(parsed.sig);
  return want.length === got.length && timingSafeEqual(want, got);
}
