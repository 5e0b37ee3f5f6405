import type { AppContext } from "../../context.js";
import { errorText, INSTANCE_ID } from "../jobs/runner.js";
import { backoffMs } from "./backoff.js";
import { PermanentTaskError, taskDefinition } from "./registry.js";
import { type TaskRow, tasksRepo } from "./repository.js";

export interface TaskLog {
  error(obj: unknown, msg: string): void;
  warn(obj: unknown, msg: string): void;
}

export interface WorkerOptions {
  owner?: string;
  batchSize?: number;
  /** How long a claimed task is ours; past it, another worker may take it (we are presumed dead). */
  leaseMs?: number;
  log?: TaskLog;
  /** Jitter source for the backoff (tests pass a fixed one). */
  random?: () => number;
}

export interface WorkerPass {
  claimed: number;
  done: number;
  retried: number;
  dead: number;
}

const SILENT: TaskLog = { error: () => {}, warn: () => {} };
const DEFAULTS = { batchSize: 10, leaseMs: 5 * 60_000 };

type Outcome = "done" | "retried" | "dead";

/** Claims one batch of due tasks and runs them; every task's outcome is recorded on its row. */
export async function runDueTasks(ctx: AppContext, opts: WorkerOptions = {}): Promise<WorkerPass> {
  const owner = opts.owner ?? INSTANCE_ID;
  const now = ctx.clock();
  const claimed = await tasksRepo.claim(ctx.db, ctx.dialect, {
    owner,
    now: now.toISOString(),
    leaseUntil: new Date(now.getTime() + (opts.leaseMs ?? DEFAULTS.leaseMs)).toISOString(),
    limit: opts.batchSize ?? DEFAULTS.batchSize,
  });
  const outcomes = await Promise.all(claimed.map((task) => runTask(ctx, task, owner, opts)));
  const count = (o: Outcome) => outcomes.filter((x) => x === o).length;
  return { claimed: claimed.length, done: count("done"), retried: count("retried"), dead: count("dead") };
}

/** Never throws: when even the outcome cannot be stored, the lease runs out and the task is tried again. */
async function runTask(ctx: AppContext, task: TaskRow, owner: string, opts: WorkerOptions): Promise<Outcome> {
  const log = opts.log ?? SILENT;
  try {
    try {
      await invoke(ctx, task);
    } catch (err) {
      log.error({ err, task: task.id, kind: task.kind }, `task ${task.kind} failed (try ${task.attempts})`);
      return await settleFailure(ctx, task, owner, err, opts);
    }
    const settled = await tasksRepo.settle(ctx.db, task.id, owner, { status: "done", at: nowIso(ctx) });
    if (!settled) log.warn({ task: task.id }, `task ${task.kind} finished after its lease was lost`);
    return "done";
  } catch (err) {
    log.error({ err, task: task.id }, `could not record the outcome of task ${task.kind}`);
    return "retried";
  }
}

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PermanentTaskError("Los datos de la tarea no son JSON válido.");
  }
}

async function invoke(ctx: AppContext, task: TaskRow): Promise<void> {
  // Only a crash between claim and settle leaves attempts past the limit: that try counted.
  if (task.attempts > task.max_attempts) {
    throw new PermanentTaskError("El trabajador se detuvo durante el último intento.");
  }
  // An older instance may not know a newer kind yet: a retry may land on one that does.
  const def = taskDefinition(task.kind);
  if (!def) throw new Error(`No hay manejador para el tipo ${task.kind}.`);
  const parsed = def.payload.safeParse(parsePayload(task.payload));
  if (!parsed.success) throw new PermanentTaskError(`Datos inválidos: ${parsed.error.message}`);
  await def.handler(parsed.data, {
    ctx,
    task: { id: task.id, kind: task.kind, attempt: task.attempts, maxAttempts: task.max_attempts },
  });
}

async function settleFailure(
  ctx: AppContext,
  task: TaskRow,
  owner: string,
  err: unknown,
  opts: WorkerOptions,
): Promise<Outcome> {
  const now = ctx.clock();
  const dead = err instanceof PermanentTaskError || task.attempts >= task.max_attempts;
  await tasksRepo.settle(ctx.db, task.id, owner, {
    status: dead ? "dead" : "failed",
    at: now.toISOString(),
    error: errorText(err),
    ...(dead ? {} : { runAt: new Date(now.getTime() + backoffMs(task.attempts, opts.random)).toISOString() }),
  });
  return dead ? "dead" : "retried";
}

const nowIso = (ctx: AppContext) => ctx.clock().toISOString();

/**
 * Polls for due tasks in each instance; drains back-to-back while batches come back full.
 * The returned stop function waits for the batch in hand, so closing the app does not cut it off.
 */
export function startTaskWorker(
  ctx: AppContext,
  log: TaskLog,
  opts: WorkerOptions & { pollMs?: number } = {},
): () => Promise<void> {
  const pollMs = opts.pollMs ?? 5_000;
  const batchSize = opts.batchSize ?? DEFAULTS.batchSize;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = pass();
    }, ms);
    timer.unref();
  };
  const pass = async () => {
    let full = false;
    try {
      full = (await runDueTasks(ctx, { ...opts, log, batchSize })).claimed >= batchSize;
    } catch (err) {
      log.error({ err }, "task worker pass failed");
    }
    schedule(full ? 0 : pollMs);
  };
  schedule(pollMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await inFlight;
  };
}
