import { z } from "zod";
import { CursorText, decodePageCursor, encodePageCursor } from "../../platform/http/page-cursor.js";
import type { ClientKey } from "./repository.js";

// A page of clients ends at a (name, id); the next page starts after it.
const CursorJson = z.tuple([CursorText, CursorText]);

export const encodeClientCursor = (k: ClientKey): string => encodePageCursor([k.name, k.id]);

/** The client a `nextCursor` names; 400 `validation_failed` (error.bad_cursor) for anything else. */
export function decodeClientCursor(text: string): ClientKey {
  const [name, id] = decodePageCursor(text, CursorJson);
  return { name, id };
}
