import { useState } from "react";
import { changedFields, useEditConflict } from "../../lib/conflict";

interface RowCorrection<R, B> {
  /** The row as the list showed it when «Corregir» was pressed. */
  row: R;
  /** The row's fields as the form holds them (null after marking something unreadable). */
  typed: () => Partial<R> | null;
  /** The request body of the row as it should read (its version included); null after marking what is wrong. */
  body: (row: R) => B | null;
  mutate: (
    args: { rowId: string; body: B },
    callbacks: { onSuccess: () => void; onError: (error: unknown) => void },
  ) => void;
  onSaved: () => void;
  /** Any refusal but a stale version (shown by the form). */
  onError: (error: unknown) => void;
  /** Fills the form from the row as it is now (when the user drops their change). */
  refill: (current: R) => void;
}

/**
 * Saving the correction of a time entry or a charge, which names the row's version. When someone
 * corrected the row first (409 with the row as it is now), the comparison opens: «Reaplicar» sends
 * what this user changed on top of the current row and version, «Descartar» refills the form from it.
 * Saving again never repeats the old version (that only earned the same 409).
 */
export function useRowCorrection<R extends { id: string; version: number }, B>(o: RowCorrection<R, B>) {
  const [base, setBase] = useState(o.row);
  const edit = useEditConflict<R>();
  const send = (mine: Partial<R>, from: R) => {
    const body = o.body({ ...from, ...mine });
    if (!body) return;
    o.mutate(
      { rowId: from.id, body },
      {
        onSuccess: () => {
          edit.close();
          o.onSaved();
        },
        onError: (e) => edit.caught(e, from, mine) || o.onError(e),
      },
    );
  };
  const submit = () => {
    const typed = o.typed();
    if (typed) send(changedFields(base, typed), base);
  };
  const discard = () => {
    if (edit.conflict) {
      setBase(edit.conflict.current);
      o.refill(edit.conflict.current);
    }
    edit.close();
  };
  const reapply = () => {
    if (edit.conflict) send(edit.conflict.mine as Partial<R>, edit.conflict.current);
  };
  return { conflict: edit.conflict, submit, discard, reapply };
}
