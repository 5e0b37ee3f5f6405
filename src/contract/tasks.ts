import { z } from "zod";
import { Id, PageLimit } from "./common.js";

/** pending: waiting for its time; running: leased by a worker; failed: will be retried; dead: gave up. */
export const TaskStatus = z.enum(["pending", "running", "done", "failed", "dead"]);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const TasksQuery = z.strictObject({
  status: TaskStatus.optional(),
  kind: z.string().trim().min(1).max(100).optional(),
  limit: PageLimit(200, 100),
});

export const Task = z.object({
  id: z.string(),
  kind: z.string(),
  payload: z.unknown(),
  status: TaskStatus,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  lockedBy: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  doneAt: z.string().nullable(),
});
export type Task = z.infer<typeof Task>;

export const TaskCounts = z.object({
  pending: z.number().int(),
  running: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  dead: z.number().int(),
});

export const TaskList = z.object({ counts: TaskCounts, items: z.array(Task) });
export type TaskList = z.infer<typeof TaskList>;

export const TaskParams = z.object({ id: Id });

export const Job = z.object({
  name: z.string(),
  everyMs: z.number().int(),
  lastRunAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastFailureAt: z.string().nullable(),
  /** The last try failed (no successful run since). */
  failing: z.boolean(),
  running: z.boolean(),
  nextDueAt: z.string(),
});
export type Job = z.infer<typeof Job>;

export const JobList = z.object({ items: z.array(Job) });
export type JobList = z.infer<typeof JobList>;
