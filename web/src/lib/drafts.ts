import { useMe } from "../api/auth";
import { type Draft, type DraftOptions, type DraftTarget, useDraftOf } from "./draftHook";
import { browserStorage, draftKey, readDraft } from "./draftStore";

export type { Draft, DraftOptions, DraftTarget } from "./draftHook";

/** A staff form's draft, kept per signed-in user (see useDraftOf). */
export function useDraft<T>(formKey: string, target: DraftTarget<T>, options: DraftOptions<T>): Draft<T> {
  return useDraftOf(useMe().data?.id, formKey, target, options);
}

/**
 * Whether the signed-in user has an unsent draft of `formKey` on this ticket: a form on a tab that is
 * not open says so on its tab, or the typed charge waits unseen. Read on each render of the caller.
 */
export function useHasDraft(formKey: string, ticketId: string): boolean {
  const userId = useMe().data?.id;
  const storage = browserStorage();
  return !!userId && !!storage && readDraft(storage, draftKey(userId, formKey, ticketId)) !== null;
}
