import { createHmac, timingSafeEqual } from "node:crypto";
import type { AppContext } from "../../context.js";
import { newSecret } from "../../platform/ids.js";

/** How long a mailed acceptance link stays good. */
export const LINK_DAYS = 30;
const SECRET_KEY = "service-order-link-secret";

/**
 * The key that signs acceptance links: MESA_LINK_SECRET; without it, one random key kept in the
 * settings table (made once, shared by every instance on the same database).
 */
async function linkSecret(ctx: AppContext): Promise<string> {
  if (ctx.config.linkSecret) return ctx.config.linkSecret;
  const read = async () =>
    (await ctx.db.selectFrom("settings").select("value").where("key", "=", SECRET_KEY).executeTakeFirst())
      ?.value;
  const stored = await read();
  if (stored) return JSON.parse(stored) as string;
  await ctx.db
    .insertInto("settings")
    .values({
      key: SECRET_KEY,
      value: JSON.stringify(newSecret(32)),
      updated_at: ctx.clock().toISOString(),
      updated_by: null,
    })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  return JSON.parse((await read())!) as string;
}

const mac = (secret: string, id: string, ticketId: string, exp: string) =>
  createHmac("sha256", secret).update(`service-order:${id}:${ticketId}:${exp}`).digest("base64url");

/** `<link id>.<expiry, epoch seconds>.<HMAC>`: the id finds the row, the HMAC proves Mesa made it. */
export async function signLink(ctx: AppContext, id: string, ticketId: string, expiresAt: Date) {
  const exp = String(Math.floor(expiresAt.getTime() / 1000));
  return `${id}.${exp}.${mac(await linkSecret(ctx), id, ticketId, exp)}`;
}

export function parseLink(token: string): { id: string; exp: string; sig: string } | null {
  const m = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token.trim());
  return m ? { id: m[1]!, exp: m[2]!, sig: m[3]! } : null;
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
