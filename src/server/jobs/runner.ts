import { hostname } from "node:os";
import type { AppContext } from "../context.js";
import { classifyFault } from "../db/faults.js";
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

/** Ticks every few seconds in each instance; the lease decides who actually runs a job. */
export function startScheduler(
  ctx: AppContext,
  jobs: readonly JobDefinition[],
  log: { error(obj: unknown, msg: string): void },
  tickMs = 15_000,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runDueJobs(ctx, jobs)
      .catch((err) => {
        // A database outage is not a bug in the job: name the cause, the next tick tries again.
        const fault = classifyFault(err);
        if (fault) log.error({ code: fault.code }, `tareas programadas en pausa: ${fault.cause}`);
        else log.error({ err }, "scheduled job failed");
      })
      .finally(() => {
        running = false;
      });
  }, tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
