/**
 * What a client contact may read of a ticket's history: the workflow steps, and the reasons they
 * wrote (reject) or are told (cancel). Notes, reclassification, escalation, time and charge
 * bookkeeping, and every other reason the desk records stay internal.
 */
import { TRANSITION_ACTIONS } from "./workflow.js";

/** The steps of a ticket's life a client follows (the portal's timeline). */
export const CLIENT_STEPS: ReadonlySet<string> = new Set([
  "create",
  ...TRANSITION_ACTIONS,
  // The work changed after the client accepted it: the order waits for a new acceptance.
  "acceptance_voided",
]);

/**
 * The steps plus the conversation entries (messages, logged calls, the survey), for views that show
 * the conversation inside the history instead of beside it.
 */
export const CLIENT_HISTORY: ReadonlySet<string> = new Set([...CLIENT_STEPS, "message", "call", "survey"]);

const REASONS_FOR_CLIENT: ReadonlySet<string> = new Set(["reject", "cancel"]);

/** The reason of a history entry as a client may read it: null unless it is theirs to read. */
export function reasonForClient(action: string, reason: string | null): string | null {
  return REASONS_FOR_CLIENT.has(action) ? reason : null;
}
