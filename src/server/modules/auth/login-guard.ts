import { coded } from "../../../domain/messages.js";
import { abuseKeyOf } from "../../../domain/network.js";
import type { AppContext } from "../../context.js";
import type { AppError } from "../../platform/errors.js";
import { codedError } from "../../platform/i18n/index.js";
import { loginThrottleRepo, type ThrottlePolicy } from "./login-throttle-repository.js";
import { VerifyGate } from "./verify-gate.js";

const MINUTE = 60_000;
const gates = new WeakMap<AppContext, VerifyGate>();

function gateOf(ctx: AppContext): VerifyGate {
  let gate = gates.get(ctx);
  if (!gate) {
    gate = new VerifyGate(ctx.config.loginConcurrency, ctx.config.loginConcurrencyPerIp);
    gates.set(ctx, gate);
  }
  return gate;
}

const policy = (free: number): ThrottlePolicy => ({
  free,
  baseDelayMs: MINUTE,
  maxDelayMs: 15 * MINUTE,
  resetAfterMs: 30 * MINUTE,
});

/** "Demasiados intentos. Intenta de nuevo en 2 minutos." with Retry-After in seconds. */
export function tooManyAttempts(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  // Clocks of concurrent requests differ by milliseconds: 61 s still reads "1 minuto".
  const minutes = Math.max(1, Math.round(seconds / 60));
  const text =
    seconds <= 5 ? coded("error.login_throttled_seconds") : coded("error.login_throttled", { minutes });
  return codedError("rate_limited", text, { retryAfterSeconds: seconds });
}

async function reserve(ctx: AppContext, key: string, free: number): Promise<void> {
  const now = ctx.clock().getTime();
  if (await loginThrottleRepo.reserve(ctx.db, key, now, policy(free))) return;
  // The clock read again: the block was set by an attempt that read its clock after ours.
  const blockedUntil = await loginThrottleRepo.blockedUntil(ctx.db, key);
  throw tooManyAttempts(blockedUntil - ctx.clock().getTime());
}

/**
 * Checks a password for (email, ip) under the login throttle. The attempt is counted before the
 * hash is verified, so parallel guesses cannot all slip past the limit. Counters are per (account,
 * IP) — someone else's guesses from elsewhere never lock the owner out — and per IP over all
 * accounts. A success clears its (account, IP) counter and gives its IP attempt back.
 */
export async function guardedVerify(
  ctx: AppContext,
  who: { email: string; ip: string; trusted?: boolean },
  verify: () => Promise<boolean>,
): Promise<boolean> {
  const gate = gateOf(ctx);
  const net = abuseKeyOf(who.ip); // an IPv6 client counts by its /64, which it can pick addresses from
  // A browser that proved it signed in to this account before skips the shared limits (the per-address
  // budget and the waiting-queue cap) that a flood from elsewhere can fill; its own guesses still count.
  if (!who.trusted && !gate.enter(net)) throw tooManyAttempts(1000);
  try {
    const accountKey = `acct:${who.email}|ip:${net}`;
    const ipKey = `ip:${net}`;
    await reserve(ctx, accountKey, ctx.config.loginAttempts);
    if (!who.trusted) await reserve(ctx, ipKey, ctx.config.loginIpAttempts);
    const ok = await (who.trusted ? gate.runFirst(verify) : gate.run(verify));
    if (ok) {
      await loginThrottleRepo.clear(ctx.db, accountKey);
      if (!who.trusted) await loginThrottleRepo.refund(ctx.db, ipKey);
    }
    return ok;
  } finally {
    if (!who.trusted) gate.leave(net);
  }
}

/** Runs other argon2 work (hashing a new password) within the same bound as verifications. */
export const withArgon2Slot = <T>(ctx: AppContext, work: () => Promise<T>): Promise<T> =>
  gateOf(ctx).run(work);

export async function pruneThrottle(ctx: AppContext, now: Date): Promise<void> {
  await loginThrottleRepo.prune(ctx.db, now.getTime() - 24 * 3600_000);
}
