import type { Kysely, Transaction } from "kysely";
import type { DB } from "../database/schema.js";
import { newId } from "../ids.js";
import { DEFAULT_MAX_ATTEMPTS, type TaskKind, type TaskPayloads, taskDefinition } from "./registry.js";
import { type TaskRow, tasksRepo } from "./repository.js";

export interface EnqueueInput<K extends TaskKind> {
  kind: K;
  payload: TaskPayloads[K];
  /** Not before this instant (default: now). */
  runAt?: Date;
  maxAttempts?: number;
  /** At most one task per kind and key, ever: a repeat returns the first task and adds nothing. */
  dedupeKey?: string;
}

export interface Enqueued {
  id: string;
  /** False when a task with the same dedupe key already existed. */
  created: boolean;
}

/**
 * Adds a task. Pass the caller's transaction to make the task part of the caller's change: it
 * commits with it, or disappears with its rollback (what an outbox needs). `now` is the caller's
 * clock (ctx.clock()) so tests that drive time see the task due when they expect.
 */
export async function enqueue<K extends TaskKind>(
  db: Kysely<DB> | Transaction<DB>,
  input: EnqueueInput<K>,
  now: Date = new Date(),
): Promise<Enqueued> {
  const row = taskRow(input, now);
  if (await tasksRepo.insert(db, row)) return { id: row.id, created: true };
  const existing = await tasksRepo.byDedupeKey(db, input.kind, input.dedupeKey ?? "");
  if (!existing) throw new Error(`Task ${input.kind} was neither inserted nor found.`);
  return { id: existing.id, created: false };
}

/**
 * The row `enqueue` adds (checked, no I/O), for a caller that writes it in a statement of its own:
 * inserted with ON CONFLICT (kind, dedupe_key) DO NOTHING it behaves as `enqueue` does.
 */
export function taskRow<K extends TaskKind>(input: EnqueueInput<K>, now: Date): TaskRow {
  const def = taskDefinition(input.kind);
  if (!def) throw new Error(`Unknown task kind ${input.kind}: define it with defineTask first.`);
  const checked = def.payload.safeParse(input.payload);
  if (!checked.success) throw new Error(`Invalid payload for task ${input.kind}: ${checked.error.message}`);
  const at = now.toISOString();
  return {
    id: newId(),
    kind: input.kind,
    payload: JSON.stringify(input.payload),
    dedupe_key: input.dedupeKey ?? null,
    run_at: (input.runAt ?? now).toISOString(),
    attempts: 0,
    max_attempts: Math.max(1, input.maxAttempts ?? def.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
    status: "pending",
    locked_by: null,
    locked_until: null,
    last_error: null,
    created_at: at,
    updated_at: at,
    done_at: null,
  };
}
