import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { browserStorage, draftKey, readDraft, removeDraft, writeDraft } from "./draftStore";

/** What a draft reads and restores: a `useForm` state, or any values/setter pair. */
export interface DraftTarget<T> {
  values: T;
  setValues: (values: T) => void;
}

export interface Draft<T> {
  /** The values on screen came from a saved draft (say so, and offer to discard it). */
  restored: boolean;
  /** The values differ from the empty form: leaving would lose work. */
  dirty: boolean;
  /** After a successful submit: forget the draft and show `next` (default: the empty form). */
  clear: (next?: T) => void;
  /** The user's "Descartar": forget the draft and empty the form. */
  discard: () => void;
}

export interface DraftOptions<T> {
  /** The empty form: values equal to it are not a draft. */
  initial: T;
  ticketId?: string;
  /** Whether changed values hold work worth keeping (a switched selector alone may not be). */
  worthKeeping?: (values: T) => boolean;
}

/**
 * Keeps an unsent form in localStorage per user, form and ticket while it differs from the empty form,
 * and puts it back when the form mounts again (after a reload, Back or signing in after an expiry).
 * The user is given (staff: useDraft below; the portal: its signed-in contact), so the portal's bundle
 * does not take the staff session's hooks with it.
 */
export function useDraftOf<T>(
  userId: string | undefined,
  formKey: string,
  target: DraftTarget<T>,
  options: DraftOptions<T>,
): Draft<T> {
  const storage = browserStorage();
  const key = userId && storage ? draftKey(userId, formKey, options.ticketId) : null;
  const [restored, setRestored] = useState(false);
  const baseline = useRef(JSON.stringify(options.initial));
  const loadedKey = useRef<string | null>(null);
  // The values the hook itself is putting on screen (`to`, replacing `from`): not an edit to save back.
  const pending = useRef<{ from: string; to: string } | null>(null);
  const { setValues } = target;
  const json = JSON.stringify(target.values);
  const shown = useRef(json);
  shown.current = json;
  const dirty = json !== baseline.current && (options.worthKeeping?.(target.values) ?? true);

  const show = useCallback(
    (values: T) => {
      const next = JSON.stringify(values);
      // Same values: no re-render follows, so nothing would consume the mark.
      pending.current = next === shown.current ? null : { from: shown.current, to: next };
      setValues(values);
    },
    [setValues],
  );

  // Before paint: the saved draft replaces the empty form (also when the same form switches ticket).
  useLayoutEffect(() => {
    if (!key || !storage || loadedKey.current === key) return;
    const switched = loadedKey.current !== null;
    loadedKey.current = key;
    const draft = readDraft<T>(storage, key);
    setRestored(!!draft);
    if (draft) show(draft.values);
    else if (switched) show(JSON.parse(baseline.current) as T);
  }, [key, storage, show]);

  useEffect(() => {
    if (!key || !storage || loadedKey.current !== key) return;
    const mark = pending.current;
    if (mark && (json === mark.to || json === mark.from)) {
      if (json === mark.to) pending.current = null; // shown: from now on changes are the user's
      return;
    }
    pending.current = null;
    if (dirty) writeDraft(storage, key, JSON.parse(json) as T);
    else removeDraft(storage, key);
  }, [key, storage, json, dirty]);

  const forget = useCallback(
    (next: T) => {
      if (key && storage) removeDraft(storage, key);
      setRestored(false);
      show(next);
    },
    [key, storage, show],
  );
  const clear = useCallback(
    (next?: T) => {
      if (next !== undefined) baseline.current = JSON.stringify(next);
      forget(JSON.parse(baseline.current) as T);
    },
    [forget],
  );
  const discard = useCallback(() => forget(JSON.parse(baseline.current) as T), [forget]);
  return { restored, dirty, clear, discard };
}
