import { createHmac, timingSafeEqual } from "node:crypto";
import { newSecret } from "../../platform/ids.js";
import type { UserRow } from "../users/repository.js";

/**
 * The device cookie (OWASP's answer to login lockout): a browser that signed in to an account once
 * carries proof of it, so a flood of guesses from elsewhere — which fills the shared throttle — never
 * keeps that account's owner out. The proof is an HMAC keyed by the account's password hash: it stays
 * on the server, and changing the password retires every device at once.
 */
export const DEVICE_COOKIE = "mesa_device";
export const DEVICE_DAYS = 365;

function mac(row: Pick<UserRow, "id" | "password_hash">, nonce: string): string {
  return createHmac("sha256", row.password_hash ?? "")
    .update(`${row.id}.${nonce}`)
    .digest("base64url");
}

/** A new device token for the account just signed in to. */
export function deviceTokenFor(row: Pick<UserRow, "id" | "password_hash">): string {
  const nonce = newSecret(12);
  return `${row.id}.${nonce}.${mac(row, nonce)}`;
}

/** True when the token was issued by this server to this account, under its current password. */
export function isTrustedDevice(
  row: Pick<UserRow, "id" | "password_hash" | "active"> | undefined,
  token: string | undefined,
): boolean {
  if (!row?.password_hash || row.active !== 1 || !token) return false;
  const [id, nonce, proof, ...rest] = token.split(".");
  if (rest.length > 0 || id !== row.id || !nonce || !proof) return false;
  const expected = Buffer.from(mac(row, nonce));
  const given = Buffer.from(proof);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
