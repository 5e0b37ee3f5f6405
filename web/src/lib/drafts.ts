import { useMe } from "../api/auth";
import { type Draft, type DraftOptions, type DraftTarget, useDraftOf } from "./draftHook";

export type { Draft, DraftOptions, DraftTarget } from "./draftHook";

/** A staff form's draft, kept per signed-in user (see useDraftOf). */
export function useDraft<T>(formKey: string, target: DraftTarget<T>, options: DraftOptions<T>): Draft<T> {
  return useDraftOf(useMe().data?.id, formKey, target, options);
}
