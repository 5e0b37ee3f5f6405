import type { z } from "zod";
import type { AppContext } from "../../context.js";

/**
 * Each task kind's payload, by kind. A module that defines a kind adds it here by declaration merging:
 *
 *   declare module "./registry.js" {
 *     interface TaskPayloads { "email.send": { messageId: string } }
 *   }
 *
 * so `enqueue` and the handler agree on the payload's type at compile time, and the zod schema checks
 * it at run time (when enqueued and again before the handler sees it).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface TaskPayloads {}
export type TaskKind = keyof TaskPayloads & string;

export interface TaskRun {
  id: string;
  kind: string;
  /** This try's number, from 1. */
  attempt: number;
  maxAttempts: number;
}

export interface TaskDefinition<K extends TaskKind = TaskKind> {
  kind: K;
  payload: z.ZodType<TaskPayloads[K]>;
  /**
   * Runs the task. Delivery is at least once (a worker may crash after the work and before marking
   * it done), so a handler must be safe to repeat. Throw to retry later; throw PermanentTaskError
   * when a retry cannot help.
   */
  handler(payload: TaskPayloads[K], run: { ctx: AppContext; task: TaskRun }): Promise<void>;
  /** Tries before the task is declared dead (default DEFAULT_MAX_ATTEMPTS). */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 10;

/** A failure no retry can fix (bad payload, a refused address): the task goes dead at once. */
export class PermanentTaskError extends Error {
  override name = "PermanentTaskError";
}

/** A definition as the worker sees it: any kind, its payload checked by the schema at run time. */
export interface RegisteredTask {
  kind: string;
  payload: z.ZodType<unknown>;
  handler(payload: unknown, run: { ctx: AppContext; task: TaskRun }): Promise<void>;
  maxAttempts?: number;
}

const registry = new Map<string, RegisteredTask>();

/** Registers a kind's handler; a kind is defined once per process. */
export function defineTask<K extends TaskKind>(def: TaskDefinition<K>): TaskDefinition<K> {
  if (registry.has(def.kind)) throw new Error(`Task kind ${def.kind} is defined twice.`);
  // Sound because the worker hands a handler only what `def.payload` parsed (a TaskPayloads[K]); the
  // compiler cannot see that a payload checked by the kind's own schema is that kind's payload.
  registry.set(def.kind, def as unknown as RegisteredTask);
  return def;
}

export function taskDefinition(kind: string): RegisteredTask | undefined {
  return registry.get(kind);
}

/** Every kind defined so far in this process (each needs a label in the admin's task list). */
export function registeredTaskKinds(): string[] {
  return [...registry.keys()];
}
