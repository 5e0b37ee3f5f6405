import type { Job, Task, TaskList, TaskStatus } from "../../../contract/tasks.js";
import type { Actor, AppContext } from "../../context.js";
import { stillThere } from "../../platform/database/still-there.js";
import { conflict, notFound } from "../../platform/errors.js";
import { JOBS } from "../../platform/jobs/definitions.js";
import { jobsRepo } from "../../platform/jobs/repository.js";
import type { JobDefinition } from "../../platform/jobs/runner.js";
import { type TaskRow, tasksRepo } from "../../platform/tasks/repository.js";
import { assertMayManageBackgroundWork } from "./policy.js";

/** Admin view of the background work: the one-off tasks and the periodic jobs. */
export async function listTasks(
  ctx: AppContext,
  actor: Actor,
  f: { status?: TaskStatus; kind?: string; limit: number },
): Promise<TaskList> {
  assertMayManageBackgroundWork(actor);
  const [counted, rows] = await Promise.all([
    tasksRepo.countByStatus(ctx.db, f.kind),
    tasksRepo.list(ctx.db, f),
  ]);
  const counts: TaskList["counts"] = { pending: 0, running: 0, done: 0, failed: 0, dead: 0 };
  for (const c of counted) counts[c.status] = Number(c.n);
  return { counts, items: rows.map(toTask) };
}

/** Only a dead or failed task may be sent back; anything else would run it twice or for nothing. */
export async function retryTask(ctx: AppContext, actor: Actor, id: string): Promise<Task> {
  assertMayManageBackgroundWork(actor);
  if (!(await tasksRepo.retry(ctx.db, id, ctx.clock().toISOString()))) {
    const current = await tasksRepo.get(ctx.db, id);
    if (!current) throw notFound("task");
    throw conflict("task.retry_only_failed", { status: current.status }, { current: toTask(current) });
  }
  return toTask(stillThere(await tasksRepo.get(ctx.db, id), "task"));
}

export async function listJobs(
  ctx: AppContext,
  actor: Actor,
  jobs: readonly JobDefinition[] = JOBS,
): Promise<Job[]> {
  assertMayManageBackgroundWork(actor);
  const rows = new Map((await jobsRepo.list(ctx.db)).map((r) => [r.name, r]));
  const now = ctx.clock();
  return jobs.map((job) => {
    const row = rows.get(job.name);
    const lastRunAt = row?.last_run_at ?? null;
    const lastFailureAt = row?.last_failure_at ?? null;
    const leasedUntil = row?.locked_until && row.locked_until > now.toISOString() ? row.locked_until : null;
    const periodDue = lastRunAt
      ? new Date(Date.parse(lastRunAt) + job.everyMs).toISOString()
      : now.toISOString();
    return {
      name: job.name,
      everyMs: job.everyMs,
      lastRunAt,
      lastError: row?.last_error ?? null,
      lastFailureAt,
      failing: !!lastFailureAt && (!lastRunAt || lastFailureAt >= lastRunAt),
      running: !!leasedUntil && !!row?.locked_by,
      // A lease (a run in progress, or the pause after a failure) holds the job back until it ends.
      nextDueAt: leasedUntil && leasedUntil > periodDue ? leasedUntil : periodDue,
    };
  });
}

function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    kind: row.kind,
    payload: safeJson(row.payload),
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    lastError: row.last_error,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    doneAt: row.done_at,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
