import { useState } from "react";
import { ApiError } from "../api/client";

/** Same value for a form's purposes (arrays and objects by content). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a ?? null) === null && (b ?? null) === null) return true;
  return typeof a === "object" && typeof b === "object" && JSON.stringify(a) === JSON.stringify(b);
}

/** The fields of `next` whose value differs from `base`: a PATCH names only what the user changed. */
export function changedFields<T extends object>(base: Partial<T>, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (next[key] !== undefined && !sameValue(base[key], next[key])) out[key] = next[key];
  }
  return out;
}

/** The record as it is now, when an edit was refused because someone saved it first (409 `conflict`). */
export function conflictCurrent<R>(error: unknown): R | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.code !== "conflict") return null;
  const current = (error.details as { current?: unknown } | null)?.current;
  return current && typeof current === "object" ? (current as R) : null;
}

/** A refused edit: what the user wanted to change, and the record they had and the one there is now. */
export interface EditConflict<R> {
  base: R;
  current: R;
  mine: Record<string, unknown>;
}

/** The state of a versioned editor's conflict dialog. */
export function useEditConflict<R extends object>() {
  const [conflict, setConflict] = useState<EditConflict<R> | null>(null);
  return {
    conflict,
    /** Opens the dialog when `error` is a stale-edit refusal; false for any other error. */
    caught: (error: unknown, base: R, mine: Record<string, unknown>): boolean => {
      const current = conflictCurrent<R>(error);
      if (current) setConflict({ base, current, mine });
      return current !== null;
    },
    close: () => setConflict(null),
  };
}

interface VersionedSave<R> {
  /** The record the form was filled from (null: a new one). */
  record: R | null;
  /** PATCHes `body` (the changes and the version they are based on). */
  patch: (
    args: { id: string; body: Record<string, unknown> },
    callbacks: { onSuccess: () => void; onError: (error: unknown) => void },
  ) => void;
  onSaved: () => void;
  /** Any other error (shown by the form). */
  onError: (error: unknown) => void;
  /** Fills the form from the record as it is now (when the user drops their change). */
  refill: (current: R) => void;
}

/**
 * The saving half of a versioned editor: `send` PATCHes the user's changes on the version of `base`;
 * a stale-edit refusal opens the comparison, whose «Reaplicar» sends them again on the record as it
 * is now and «Descartar» refills the form from it.
 */
export function useVersionedSave<R extends { id: string; version: number }>(o: VersionedSave<R>) {
  const [base, setBase] = useState(o.record);
  const edit = useEditConflict<R>();
  const onSuccess = () => {
    edit.close();
    o.onSaved();
  };
  const send = (mine: Record<string, unknown>, from: R) =>
    o.patch(
      { id: from.id, body: { ...mine, version: from.version } },
      { onSuccess, onError: (e) => edit.caught(e, from, mine) || o.onError(e) },
    );
  const discard = () => {
    if (edit.conflict) {
      setBase(edit.conflict.current);
      o.refill(edit.conflict.current);
    }
    edit.close();
  };
  const reapply = () => edit.conflict && send(edit.conflict.mine, edit.conflict.current);
  return { base, setBase, edit, onSuccess, send, discard, reapply };
}
