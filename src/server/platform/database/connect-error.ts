import { StartupError } from "../errors.js";

/** Socket and DNS failures: the database server could not be reached at all (no migration is to blame). */
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "ECONNRESET",
]);

interface SocketError {
  code?: string;
  address?: string;
  hostname?: string;
  port?: number;
  errors?: SocketError[];
}

/**
 * The operator's one line for a database that cannot be reached: which setting points where, and why.
 * Null when `err` is not a connection failure (a real migration error keeps its own message).
 */
export function unreachableDatabase(err: unknown): StartupError | null {
  if (!err || typeof err !== "object") return null;
  const e = err as SocketError;
  if (!e.code || !UNREACHABLE.has(e.code)) return null;
  // "localhost" tries ::1 and 127.0.0.1 and fails with an AggregateError holding both attempts.
  const first = e.errors?.[0] ?? e;
  const host = first.address ?? first.hostname ?? e.address ?? e.hostname ?? "?";
  const port = first.port ?? e.port;
  const where = port === undefined ? host : `${host}:${port}`;
  return new StartupError(`No se pudo conectar a la base de datos (DATABASE_URL → ${where}): ${e.code}`);
}
