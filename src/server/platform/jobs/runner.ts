import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { AppContext } from "../../context.js";
import { classifyFault, type Fault } from "../database/faults.js";
import { jobsRepo } from "./repository.js";

export interface JobDefinition {
  name: string;
  everyMs: number;
  /** Longest a run may take before another instance may take the job over. */
  leaseMs: number;
  /** Wait after a failed run before the next try (default: the period, at most a minute). */
  retryMs?: number;
  run(ctx: AppContext, now: Date): Promise<unknown>;
}

export interface JobLog {
  error(obj: unknown, msg: string): void;
}

const SILENT: JobLog = { error: () => {} };

// The lease owner's name: random bits, so two processes of one host and pid (containers) differ.
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

export const retryDelayMs = (job: JobDefinition) => job.retryMs ?? Math.min(job.everyMs, 60_000);

/** A stored error text: the message, bounded so one huge error cannot bloat the row. */
export function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.slice(0, 2000);
}

/**
 * Runs each job that is due and not leased by another instance. Returns the names this call ran
 * successfully. The claim is one conditional UPDATE, so on PostgreSQL and SQLite alike exactly one
 * caller wins. A failing job is logged and recorded on its row; the jobs after it still run. Only a
 * database that cannot be reached, or written even to record the failure, pauses the rest of the tick.
 */
export async function runDueJobs(
  ctx: AppContext,
  jobs: readonly JobDefinition[],
  owner = INSTANCE_ID,
  log: JobLog = SILENT,
): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    try {
      if (await runJob(ctx, job, owner)) ran.push(job.name);
    } catch (err) {
      if ((await afterFailure(ctx, job, owner, err, log)) === "pause") break;
    }
  }
  return ran;
}

/**
 * A job threw. A database outage is not a bug in the job: its cause is named once and the tick stops
 * (the next tries again). Anything else, storage faults included (a backup folder out of space is that
 * job's trouble), is the job's failure and is recorded on its row; if even that write meets a database
 * fault, the database is what fails, and the tick stops too.
 */
async function afterFailure(
  ctx: AppContext,
  job: JobDefinition,
  owner: string,
  err: unknown,
  log: JobLog,
): Promise<"pause" | "next"> {
  const pause = (fault: Fault) => {
    log.error({ code: fault.code, job: job.name }, `tareas programadas en pausa: ${fault.cause}`);
    return "pause" as const;
  };
  const fault = classifyFault(err);
  if (fault?.kind === "database_unavailable") return pause(fault);
  log.error({ err, job: job.name }, `scheduled job ${job.name} failed`);
  try {
    await recordFailure(ctx, job, owner, err);
    return "next";
  } catch (e) {
    const recordFault = classifyFault(e);
    if (recordFault) return pause(recordFault);
    log.error({ err: e, job: job.name }, `could not record the failure of job ${job.name}`);
    return "next";
  }
}

/** True when this caller claimed and ran the job; throws what the job threw. */
async function runJob(ctx: AppContext, job: JobDefinition, owner: string): Promise<boolean> {
  const now = ctx.clock();
  await jobsRepo.ensure(ctx.db, job.name);
  const claimed = await jobsRepo.claim(ctx.db, {
    name: job.name,
    owner,
    now: now.toISOString(),
    leaseUntil: new Date(now.getTime() + job.leaseMs).toISOString(),
    dueBefore: new Date(now.getTime() - job.everyMs).toISOString(),
  });
  if (!claimed) return false;
  await job.run(ctx, now);
  await jobsRepo.finish(ctx.db, job.name, owner, now.toISOString());
  return true;
}

async function recordFailure(ctx: AppContext, job: JobDefinition, owner: string, err: unknown) {
  const at = ctx.clock();
  await jobsRepo.fail(ctx.db, {
    name: job.name,
    owner,
    at: at.toISOString(),
    error: errorText(err),
    retryAt: new Date(at.getTime() + retryDelayMs(job)).toISOString(),
  });
}

/**
 * Ticks every few seconds in each instance; the lease decides who actually runs a job. The returned
 * stop() resolves once a run in progress has finished, so shutdown never cuts a job in half.
 */
export function startScheduler(
  ctx: AppContext,
  jobs: readonly JobDefinition[],
  log: JobLog,
  tickMs = 15_000,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = runDueJobs(ctx, jobs, INSTANCE_ID, log)
      .then(() => undefined)
      .catch((err) => {
        // A database outage is not a bug in the job: name the cause, the next tick tries again.
        const fault = classifyFault(err);
        if (fault) log.error({ code: fault.code }, `tareas programadas en pausa: ${fault.cause}`);
        else log.error({ err }, "scheduled job failed");
      })
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
