import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../context.js";
import { AppError, invalid } from "../errors.js";
import { newId, sha256 } from "../ids.js";
import {
  IDEMPOTENCY_TTL_MS,
  type IdempotencyRow,
  idempotencyRepo,
  type Reservation,
} from "./idempotency-repository.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The Idempotency-Key this request holds, finalised with its answer in onSend. */
    idempotency: (Reservation & { secret: Buffer; heartbeat: NodeJS.Timeout }) | null;
  }
  interface FastifyContextConfig {
    /**
     * Honour the Idempotency-Key header. Every signed-in POST does by default, so each creating route
     * (including ones added later) gets it; `false` opts a route out.
     */
    idempotent?: boolean;
  }
}

/**
 * An in-progress key whose holder has not beaten for this long belongs to a request that died (crash,
 * restart): it may be retaken. A request that is merely slow keeps its key by beating (below).
 */
const ABANDONED_MS = 60_000;
/**
 * How often a request in flight renews its key's timestamp, so that a slow one (a long lock wait, a
 * big import) is never mistaken for a dead one and run a second time. Well under ABANDONED_MS: a few
 * missed beats (a busy pool) do not lose the key. Settable for the tests, which cannot wait 15 s.
 */
export const idempotencyTiming = { heartbeatMs: 15_000 };
/** A duplicate arriving while the first is in flight waits this long for its answer before a 409. */
const WAIT_MS = 5_000;
const POLL_MS = 25;
const KEY_PATTERN = /^[\x20-\x7e]{1,200}$/;

function parseKey(raw: string | string[]): string {
  if (typeof raw === "string" && KEY_PATTERN.test(raw)) return raw;
  throw invalid("idempotency.bad_key", {}, [
    { path: ["headers", "idempotency-key"], message: "input.idempotency_key" },
  ]);
}

/** JSON with object keys sorted, so the same body hashes the same whatever order its keys came in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const requestHash = (request: FastifyRequest) =>
  sha256(`${request.method} ${request.url}\n${stableJson(request.body ?? null)}`);

/**
 * Stored answers may hold secrets (a new API token is shown once): they are encrypted with a key
 * derived from the Idempotency-Key, which the database keeps only hashed. Only the caller can read them.
 */
const secretOf = (key: string) => createHash("sha256").update(`mesa-idempotency:${key}`).digest();

function seal(secret: Buffer, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secret, iv);
  const data = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64")).join(".");
}

function open(secret: Buffer, sealed: string): Buffer {
  const [iv, tag, data] = sealed.split(".").map((p) => Buffer.from(p, "base64"));
  // `seal` always writes three parts; a row with fewer was not written by it and fails as a tampered one would.
  if (!iv || !tag || !data) throw new Error("sealed answer: malformed");
  const decipher = createDecipheriv("aes-256-gcm", secret, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Claim = { kind: "owner" } | { kind: "replay"; row: IdempotencyRow };

/** Reserves the key, or finds the earlier request's answer; waits a little while that one is in flight. */
async function claim(ctx: AppContext, r: Reservation, hash: string): Promise<Claim> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const now = ctx.clock();
    const at = now.toISOString();
    if (await idempotencyRepo.reserve(ctx.db, { ...r, requestHash: hash, at })) return { kind: "owner" };
    const row = await idempotencyRepo.get(ctx.db, r.scope, r.key);
    if (!row) continue; // released by a failed first attempt a moment ago: reserve again
    const age = now.getTime() - Date.parse(row.created_at);
    const abandoned = row.state === "in_progress" && age > ABANDONED_MS;
    if (age > IDEMPOTENCY_TTL_MS || abandoned) {
      if (await idempotencyRepo.retake(ctx.db, row, r.owner, hash, at)) return { kind: "owner" };
      continue;
    }
    if (row.request_hash !== hash) {
      throw new AppError("idempotency_key_reused", "idempotency.key_reused");
    }
    if (row.state === "done") return { kind: "replay", row };
    if (Date.now() >= deadline) {
      throw new AppError("idempotency_in_progress", "idempotency.in_progress");
    }
    await sleep(POLL_MS);
  }
}

function replay(reply: FastifyReply, row: IdempotencyRow, secret: Buffer) {
  const body = row.response_body ? open(secret, row.response_body) : Buffer.alloc(0);
  reply.code(row.response_status ?? 200).header("idempotent-replayed", "true");
  if (body.length) reply.header("content-type", "application/json; charset=utf-8");
  return reply.send(body.length ? body : null);
}

/**
 * Answers that say "not now" or "not you" rather than "this is the result" free the key: 5xx,
 * 429 (rate limit), 401/403 (credentials, CSRF) and 409 (a stale version or a busy record: the caller
 * reloads and sends again, and a day-long replay of the conflict would refuse that retry for nothing).
 * A retry with the same key then really runs.
 */
const NOT_FINAL = new Set([401, 403, 409, 429]);
const isFinal = (status: number) => status < 500 && !NOT_FINAL.has(status);

/** No request runs this long: a timer still beating then (its answer never sent) stops for good. */
const MAX_HELD_MS = 3600_000;

/** Renews the key's timestamp while the request runs; a failed beat is retried at the next one. */
function beat(ctx: AppContext, held: Reservation, log: FastifyRequest["log"]): NodeJS.Timeout {
  const until = Date.now() + MAX_HELD_MS;
  const timer = setInterval(() => {
    if (Date.now() > until) return clearInterval(timer);
    idempotencyRepo
      .renew(ctx.db, held, ctx.clock().toISOString())
      .catch((err) => log.warn({ err }, "idempotency key not renewed"));
  }, idempotencyTiming.heartbeatMs);
  timer.unref();
  return timer;
}

/** Releasing right after a database outage can fail once or twice: retry briefly before giving up. */
async function releaseWithRetry(ctx: AppContext, held: Reservation): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await idempotencyRepo.release(ctx.db, held);
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      await sleep(100 * 2 ** attempt);
    }
  }
}

const payloadText = (payload: unknown): string =>
  typeof payload === "string" ? payload : Buffer.isBuffer(payload) ? payload.toString("utf8") : "";

/**
 * Retries never duplicate: a POST route (unless `config.idempotent === false`) reserves the caller's Idempotency-Key
 * before its handler runs and stores the answer after. A repeat (same caller, key, method, path and
 * body) gets the stored answer; the same key with another request gets 422. 2xx and 4xx answers are
 * final and stored; a 5xx frees the key so that a retry after an outage really runs again.
 * Runs after the auth hook (registered after it): unauthenticated requests never touch the table.
 */
export function installIdempotency(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest("idempotency", null);
  app.addHook("preHandler", async (request, reply) => {
    const raw = request.headers["idempotency-key"];
    const config = request.routeOptions.config;
    if (raw === undefined || request.method !== "POST" || config?.public || config?.idempotent === false)
      return;
    if (!request.actor) return;
    const key = parseKey(raw);
    const reservation = { scope: `user:${request.actor.id}`, key: sha256(key), owner: newId() };
    const secret = secretOf(key);
    const outcome = await claim(ctx, reservation, requestHash(request));
    if (outcome.kind === "replay") return replay(reply, outcome.row, secret);
    request.idempotency = { ...reservation, secret, heartbeat: beat(ctx, reservation, request.log) };
  });
  // A request whose connection closed before its answer was sent still stops beating.
  app.addHook("onResponse", async (request) => {
    if (request.idempotency) clearInterval(request.idempotency.heartbeat);
  });
  app.addHook("onSend", async (request, reply, payload) => {
    const held = request.idempotency;
    if (!held) return payload;
    request.idempotency = null;
    clearInterval(held.heartbeat);
    try {
      if (!isFinal(reply.statusCode)) await releaseWithRetry(ctx, held);
      else
        await idempotencyRepo.finish(ctx.db, held, reply.statusCode, seal(held.secret, payloadText(payload)));
    } catch (err) {
      // The record exists; the key stays in progress and is retaken after ABANDONED_MS.
      request.log.error({ err }, "idempotency key not finalised");
    }
    return payload;
  });
}
