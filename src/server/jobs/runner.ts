import { hostname } from "node:os";
import type { AppContext } from "../context.js";
import { jobsRepo } from "../db/repos/jobs.js";
import { newId } from "../services/ids.js";

export interface JobDefinition {
  name: string;
  everyMs: number;
  /** Longest a run may take before another instance may take the job over. */
  leaseMs: number;
  run(ctx: AppContext, now: Date): Promise<unknown>;
}

const OWNER = `${hostname()}:${process.pid}:${newId().slice(0, 8)}`;

/**
 * Runs each job that is due and not leased by another instance. Returns the names this call ran.
 * The claim is one conditional UPDATE, so on PostgreSQL and SQLite alike exactly one caller wins.
 */
export async function runDueJobs(
  ctx: AppContext,
  jobs: readonly JobDefinition[],
  owner = OWNER,
): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    const now = ctx.clock();
    await jobsRepo.ensure(ctx.db, job.name);
    const claimed = await jobsRepo.claim(ctx.db, {
      name: job.name,
      owner,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + job.leaseMs).toISOString(),
      dueBefore: new Date(now.getTime() - job.everyMs).toISOString(),
    });
    if (!claimed) continue;
    try {
      await job.run(ctx, now);
      await jobsRepo.finish(ctx.db, job.name, owner, now.toISOString());
      ran.push(job.name);
    } catch (err) {
      await jobsRepo.release(ctx.db, job.name, owner);
      throw err;
    }
  }
  return ran;
}

/**
 * Ticks every few seconds in each instance; the lease decides who actually runs a job. The returned
 * stop() resolves once a run in progress has finished, so shutdown never cuts a job in half.
 */
export function startScheduler(
  ctx: AppContext,
  jobs: readonly JobDefinition[],
  log: { error(obj: unknown, msg: string): void },
  tickMs = 15_000,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = runDueJobs(ctx, jobs)
      .then(() => undefined)
      .catch((err) => log.error({ err }, "scheduled job failed"))
      .finally(() => {
        running = null;
      });
  }, tickMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
