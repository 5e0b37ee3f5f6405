/**
 * A JSON column read back through the zod schema of what Mesa wrote there: checked, not cast.
 * A row that does not match is a fault in storage or in an old writer, reported with the column's
 * name (a 500 with a log line), never handed on with a type it does not have.
 */
import type { z } from "zod";

export class StoredJsonInvalid extends Error {
  constructor(column: string, cause: unknown) {
    super(`stored JSON in ${column} does not match its schema`, { cause });
  }
}

export function jsonColumn<S extends z.ZodType>(schema: S, text: string, column: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new StoredJsonInvalid(column, err);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoredJsonInvalid(column, parsed.error);
  return parsed.data;
}
