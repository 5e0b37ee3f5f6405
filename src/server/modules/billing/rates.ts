/** The price list, and the rate a ticket is billed at (issue #14 item 1). */
import type { Kysely, Selectable, Transaction } from "kysely";
import type { z } from "zod";
import type { RateBody } from "../../../contract/billing.js";
import { dominantMode, type RateSource, resolveRate } from "../../../domain/billing/rates.js";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import type { DB, RatesTable, TicketsTable } from "../../platform/database/schema.js";
import { notFound } from "../../platform/errors.js";
import { checkBaseVersion, staleEdit } from "../../platform/http/versions.js";
import { codedError } from "../../platform/i18n/index.js";
import { newId } from "../../platform/ids.js";
import { requireRateReader, requireRateSetter } from "./policy.js";
import { overridesRepo, ratesRepo, workRepo } from "./repository.js";

type Db = Kysely<DB> | Transaction<DB>;

const toRate = (r: Selectable<RatesTable>) => ({
  id: r.id,
  category: r.category,
  mode: r.mode,
  hourlyRateCents: Number(r.hourly_rate_cents),
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listRates(ctx: AppContext, actor: Actor) {
  requireRateReader(actor);
  return (await ratesRepo.list(ctx.db)).map(toRate);
}

export async function createRate(ctx: AppContext, actor: Actor, body: z.output<typeof RateBody>) {
  requireRateSetter(actor);
  const category = body.category ?? null;
  const mode = body.mode ?? null;
  if (category && !(await ratesRepo.categoryExists(ctx.db, category))) {
    throw codedError(
      "validation_failed",
      { code: "billing.unknown_category", params: { category } },
      { field: "category" },
    );
  }
  const now = ctx.clock().toISOString();
  const row = {
    id: newId(),
    rule_key: `${category ?? ""}|${mode ?? ""}`,
    category,
    mode,
    hourly_rate_cents: body.hourlyRateCents,
    created_at: now,
    updated_at: now,
  };
  const made = await ctx.db.transaction().execute(async (trx) => {
    if (!(await ratesRepo.insert(trx, row))) return false;
    await auditRepo.record(trx, {
      entity: "rate",
      entityId: row.id,
      at: now,
      actorId: actor.id,
      action: "create",
      changes: body,
    });
    return true;
  });
  if (!made) throw codedError("duplicate", { code: "billing.rate_exists", params: {} }, { category, mode });
  return toRate({ ...row, version: 1 });
}

export async function updateRate(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { hourlyRateCents: number; version?: number | undefined },
) {
  requireRateSetter(actor);
  const current = await ratesRepo.byId(ctx.db, id);
  if (!current) throw notFound("rate");
  await checkBaseVersion(body.version, current.version, "rate", () => toRate(current));
  const now = ctx.clock().toISOString();
  const ok = await ctx.db.transaction().execute(async (trx) => {
    if (!(await ratesRepo.updateIfVersion(trx, id, current.version, body.hourlyRateCents, now))) return false;
    await auditRepo.record(trx, {
      entity: "rate",
      entityId: id,
      at: now,
      actorId: actor.id,
      action: "update",
      changes: { hourlyRateCents: { from: Number(current.hourly_rate_cents), to: body.hourlyRateCents } },
    });
    return true;
  });
  const fresh = await ratesRepo.byId(ctx.db, id);
  if (!ok || !fresh) throw staleEdit("rate", fresh ? toRate(fresh) : null);
  return toRate(fresh);
}

export async function deleteRate(ctx: AppContext, actor: Actor, id: string) {
  requireRateSetter(actor);
  const current = await ratesRepo.byId(ctx.db, id);
  if (!current) throw notFound("rate");
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await ratesRepo.delete(trx, id);
    await auditRepo.record(trx, {
      entity: "rate",
      entityId: id,
      at: now,
      actorId: actor.id,
      action: "delete",
      changes: toRate(current),
    });
  });
}

/** A ticket's hourly rate: its latest override, else the price list for its category and main mode. */
export async function rateOfTicket(db: Db, ticket: Pick<Selectable<TicketsTable>, "id" | "category">) {
  const [history, modes] = await Promise.all([
    overridesRepo.history(db, ticket.id),
    workRepo.minutesByMode(db, ticket.id),
  ]);
  const mode = dominantMode(modes.map((m) => ({ mode: m.mode, minutes: Number(m.minutes) })));
  const latest = history[0];
  const resolved: { hourlyRateCents: number | null; source: RateSource | "override" } = latest
    ? { hourlyRateCents: Number(latest.hourly_rate_cents), source: "override" }
    : resolveRate(
        (await ratesRepo.list(db)).map((r) => ({ ...r, hourlyRateCents: Number(r.hourly_rate_cents) })),
        ticket.category,
        mode,
      );
  return { ...resolved, mode, category: ticket.category, history };
}
