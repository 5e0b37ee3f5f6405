/**
 * The report summary rebuilt from scratch in the background, when it was never built (migration 018)
 * or was built with another calendar (PUT /api/settings/calendar, a restored backup). A task on the
 * durable queue (claimed by one instance) rewrites every ticket's facts in committed batches, then
 * the summaries in one transaction; meanwhile the ticket writes keep both up to date for the
 * tickets they touch, and the reports read the tickets (exact, slower) until the state says complete
 * for the calendar in force.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { CalendarConfig } from "../../../domain/calendar/index.js";
import { deriveFacts } from "../../../domain/reports/facts.js";
import { type AppContext, forRequest } from "../../context.js";
import { newId } from "../../platform/ids.js";
import { enqueue } from "../../platform/tasks/queue.js";
import { defineTask } from "../../platform/tasks/registry.js";
import { businessCalendar, calendarConfig } from "../settings/settings.js";
import { type FactsInput, rebuildRepo } from "./repository-rebuild.js";
import { summaryRepo } from "./repository-summary.js";

declare module "../../platform/tasks/registry.js" {
  interface TaskPayloads {
    "reports.rebuild-summary": { token: string };
  }
}

const KIND = "reports.rebuild-summary" as const;
const BATCH = 1000;
/** One task works this long, then queues its continuation: well inside the worker's 5-minute lease. */
const CHUNK_MS = 60_000;

/** Which calendar stored minutes were computed with: a changed calendar makes them stale. */
export const calendarKey = (cfg: CalendarConfig) =>
  createHash("sha256").update(JSON.stringify(cfg)).digest("hex").slice(0, 32);

/** Whether the summary is complete for the calendar in force (else the reports read the tickets). */
export async function summaryReady(ctx: AppContext): Promise<boolean> {
  const [state, cfg] = await Promise.all([summaryRepo.state(ctx.db), calendarConfig(ctx)]);
  return state?.calendar_key === calendarKey(cfg);
}

const continuation = (token: string, cursor: string) => ({
  kind: KIND,
  payload: { token },
  dedupeKey: `${token}:${cursor}`,
});

/**
 * At start and after a calendar change: queues the rebuild unless the summary is complete for the
 * calendar in force; resumes one under way for it. A database without tickets is complete at once.
 */
export async function requestSummaryRebuild(ctx: AppContext): Promise<"ready" | "built" | "queued"> {
  const key = calendarKey(await calendarConfig(ctx));
  const state = await summaryRepo.state(ctx.db);
  if (state?.calendar_key === key) return "ready";
  const now = ctx.clock();
  if (!(await rebuildRepo.hasTickets(ctx.db))) {
    await ctx.db.transaction().execute(async (trx) => {
      await rebuildRepo.rebuildSummaries(trx);
      const done = { calendar_key: key, built_at: now.toISOString() };
      await summaryRepo.putState(trx, { ...done, target_key: null, token: null, cursor: null });
    });
    return "built";
  }
  const resume = state?.target_key === key && state.token ? state.token : null;
  const token = resume ?? newId();
  await ctx.db.transaction().execute(async (trx) => {
    if (!resume) await summaryRepo.putState(trx, { target_key: key, token, cursor: "" });
    await enqueue(trx, continuation(token, resume ? (state?.cursor ?? "") : ""), now);
  });
  return "queued";
}

/** Facts of a page with the calendar of the rebuild. */
function pageFacts(cal: Awaited<ReturnType<typeof businessCalendar>>, page: readonly FactsInput[]) {
  return page.map((t) => ({
    id: t.id,
    version: t.version,
    attended_at: t.attended_at,
    last_entry_at: t.last_entry_at,
    ...deriveFacts(cal, cal.config.timeZone, t),
  }));
}

type Batch = { cursor: string } | "end" | "superseded";

/**
 * One batch: the facts of the next tickets, written only over the version read (a ticket changed
 * meanwhile is read again), and the cursor, in one transaction.
 */
async function rebuildBatch(ctx: AppContext, token: string, cursor: string): Promise<Batch> {
  const cal = await businessCalendar(ctx);
  let page = await rebuildRepo.factsPage(ctx.db, cursor, BATCH);
  const last = page.at(-1)?.id;
  if (last === undefined) return "end";
  for (let first = true; page.length > 0; first = false) {
    const facts = pageFacts(cal, page);
    const written = await ctx.db.transaction().execute(async (trx) => {
      const ids = await rebuildRepo.writeFacts(trx, facts);
      if (first && !(await summaryRepo.putStateIf(trx, token, { cursor: last }))) return null;
      return ids;
    });
    if (!written) return "superseded";
    const missed = page.filter((t) => !written.has(t.id)).map((t) => t.id);
    page = missed.length ? await rebuildRepo.factsByIds(ctx.db, missed) : [];
  }
  return { cursor: last };
}

/** Rebuilds the summaries from the stored facts and marks it complete, unless superseded. */
async function finish(ctx: AppContext, token: string, key: string): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const done = { calendar_key: key, built_at: ctx.clock().toISOString(), cursor: null };
    if (!(await summaryRepo.putStateIf(trx, token, done))) return false;
    await rebuildRepo.rebuildSummaries(trx);
    return true;
  });
}

/**
 * Works on the rebuild named by `token` for up to `budgetMs`, then queues its continuation.
 * Repeating it is harmless (facts are a function of the ticket and the calendar); a newer request
 * (another token) or another calendar in force stops it.
 */
export async function runSummaryRebuild(
  ctx: AppContext,
  token: string,
  budgetMs = CHUNK_MS,
): Promise<"superseded" | "complete" | "continued"> {
  const t0 = performance.now();
  for (;;) {
    const state = await summaryRepo.state(ctx.db);
    const key = state?.target_key;
    if (!state || state.token !== token || !key) return "superseded";
    if (state.calendar_key === key) return "complete";
    const batchCtx = forRequest(ctx);
    if (calendarKey(await calendarConfig(batchCtx)) !== key) return "superseded";
    const batch = await rebuildBatch(batchCtx, token, state.cursor ?? "");
    if (batch === "superseded") return batch;
    if (batch === "end") return (await finish(ctx, token, key)) ? "complete" : "superseded";
    if (performance.now() - t0 > budgetMs) {
      await enqueue(ctx.db, continuation(token, batch.cursor), ctx.clock());
      return "continued";
    }
    // Between batches the server answers requests (SQLite has one connection).
    await new Promise((resolve) => setImmediate(resolve));
  }
}

defineTask({
  kind: KIND,
  payload: z.object({ token: z.string() }),
  handler: async (payload, { ctx }) => {
    await runSummaryRebuild(ctx, payload.token);
  },
});
