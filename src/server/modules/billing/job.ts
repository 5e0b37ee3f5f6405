/** The monthly contract run, due from the first business day of each month in the calendar's zone. */
import { duePeriod } from "../../../domain/billing/schedule.js";
import type { AppContext } from "../../context.js";
import type { JobDefinition } from "../../platform/jobs/runner.js";
import { businessCalendar } from "../settings/settings.js";
import { runPeriod } from "./run.js";
import { contractRunRepo } from "./run-repository.js";

/** Runs the current period once it is due and until a run of it completes (a failed contract is retried). */
export async function monthlyBilling(ctx: AppContext, now: Date): Promise<void> {
  const period = duePeriod(await businessCalendar(ctx), now.getTime());
  if (!period) return;
  if ((await contractRunRepo.runOf(ctx.db, period))?.completed_at) return;
  const out = await runPeriod(ctx, period);
  if (out.failed.length) throw new Error(`billing run ${period}: ${out.failed.length} contracts failed`);
}

export const BILLING_JOB: JobDefinition = {
  name: "monthly-billing",
  everyMs: 15 * 60_000,
  leaseMs: 30 * 60_000,
  run: monthlyBilling,
};
