import { type NotFoundKind, notFound } from "../errors.js";

/**
 * A row read back right after this request wrote it. It is there unless someone deleted it in between;
 * then the caller gets the same 404 as for a missing id, rather than a TypeError on `undefined`.
 */
export function stillThere<T>(row: T | undefined, what: NotFoundKind): T {
  if (row === undefined) throw notFound(what);
  return row;
}
