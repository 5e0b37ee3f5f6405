import { isOpen } from "../../../domain/calendar/index.js";
import { escalationMessage, escalationStep } from "../../../domain/escalation.js";
import { slaState } from "../../../domain/sla.js";
import type { AppContext } from "../../context.js";
import { pruneThrottle } from "../../modules/auth/login-guard.js";
import { BILLING_JOB } from "../../modules/billing/job.js";
import { businessCalendar, slaSettings } from "../../modules/settings/settings.js";
import { deskUserIds, noticeStaff } from "../../modules/staff-notifications/index.js";
import { historyRepo, ticketsRepo } from "../../modules/tickets/repository.js";
import { sessionsRepo } from "../../modules/users/repository.js";
import { IDEMPOTENCY_TTL_MS, idempotencyRepo } from "../http/idempotency-repository.js";
import { nightlyBackup } from "../ops/nightly-backup.js";
import type { JobDefinition } from "./runner.js";

// A near threshold is counted in business minutes; a long weekend is the widest wall-clock gap it can span.
const NEAR_HORIZON_MS = 5 * 24 * 3600_000;

/** Flags tickets near or past their response deadline and tells reception, the leaders and the assignee. */
export async function escalateSla(ctx: AppContext, now: Date): Promise<number> {
  const [cal, sla] = await Promise.all([businessCalendar(ctx), slaSettings(ctx)]);
  const rows = await ticketsRepo.awaitingResponse(
    ctx.db,
    new Date(now.getTime() + NEAR_HORIZON_MS).toISOString(),
  );
  const watchers = await deskUserIds(ctx.db);
  const open = isOpen(cal, now.getTime());
  let raised = 0;
  for (const row of rows) {
    const state = slaState(cal, {
      responseDueAt: Date.parse(row.response_due_at),
      respondedAt: null,
      now: now.getTime(),
      nearThresholdMinutes: sla.nearThresholdMinutes,
    }).state;
    const level = escalationStep(row.escalation_level, state, open);
    if (level === null) continue;
    const at = now.toISOString();
    const message = escalationMessage(level, row.folio, row.title);
    const kind = level === 2 ? "sla_breached" : "sla_near";
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await ticketsRepo.update(trx, row, { escalation_level: level }, async () => cal))) return;
      await historyRepo.add(trx, {
        ticketId: row.id,
        at,
        actorId: null,
        action: "escalated",
        changes: { level, state },
      });
      await noticeStaff(ctx, trx, {
        to: [...watchers, row.assignee_id],
        ticket: row,
        kind,
        mailKind: "escalation",
        message,
        now: at,
      });
      raised++;
    });
  }
  return raised;
}

export async function housekeeping(ctx: AppContext, now: Date): Promise<void> {
  await ticketsRepo.mergeSearchIndex(ctx.db);
  await sessionsRepo.deleteExpired(ctx.db, now.toISOString());
  await pruneThrottle(ctx, now);
  await idempotencyRepo.purgeBefore(ctx.db, new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString());
}

export const JOBS: readonly JobDefinition[] = [
  { name: "sla-escalation", everyMs: 60_000, leaseMs: 5 * 60_000, run: escalateSla },
  { name: "housekeeping", everyMs: 3600_000, leaseMs: 10 * 60_000, run: housekeeping },
  // Checks every few minutes whether the configured hour has come; it backs up once per local day.
  { name: "nightly-backup", everyMs: 5 * 60_000, leaseMs: 30 * 60_000, run: nightlyBackup },
  BILLING_JOB,
];
