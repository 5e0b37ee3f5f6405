import { z } from "zod";
import { invalid } from "../errors.js";

/**
 * A list's page cursor: the keys of the page's last row as a JSON array in base64url, opaque to the
 * caller. Its texts are bound as SQL parameters: no NUL (input-guard.ts checks the query string, not
 * what the base64 holds).
 */
export const CursorText = z.string().refine((v) => !v.includes("\u0000"));

export const encodePageCursor = (keys: readonly unknown[]): string =>
  Buffer.from(JSON.stringify(keys)).toString("base64url");

/** The keys a cursor holds, by `shape`; 400 `validation_failed` (error.bad_cursor) for anything else. */
export function decodePageCursor<T>(text: string, shape: z.ZodType<T>): T {
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // Not base64url JSON at all: the same answer as a wrong shape.
  }
  throw invalid("error.bad_cursor", {}, { field: "cursor" });
}
