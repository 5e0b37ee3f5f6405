import { z } from "zod";
import { invalid } from "../../platform/errors.js";
import type { ClientKey } from "./repository.js";

// A page of clients ends at a (name, id); the next page starts after it. Its texts are bound as
// parameters: no NUL (input-guard.ts checks the query string, not what the base64 holds).
const CursorText = z.string().refine((v) => !v.includes("\u0000"));
const CursorJson = z.tuple([CursorText, CursorText]);

export const encodeClientCursor = (k: ClientKey): string =>
  Buffer.from(JSON.stringify([k.name, k.id])).toString("base64url");

/** The client a `nextCursor` names; 400 `validation_failed` (error.bad_cursor) for anything else. */
export function decodeClientCursor(text: string): ClientKey {
  try {
    const parsed = CursorJson.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    if (parsed.success) return { name: parsed.data[0], id: parsed.data[1] };
  } catch {
    // Not base64url JSON at all: the same answer as a wrong shape.
  }
  throw invalid("error.bad_cursor", {}, { field: "cursor" });
}
