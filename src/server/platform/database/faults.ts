/**
 * Failures of the database itself (not of a query): a PostgreSQL connection that dropped or cannot be
 * made, or SQLite storage that cannot be written. They answer 503 instead of 500, and the log names
 * the real cause, because the fix is the operator's (restart the database, free disk space…).
 */
export type FaultKind = "database_unavailable" | "storage_unavailable";

export interface Fault {
  kind: FaultKind;
  /** The driver's code (57P01, ECONNREFUSED, SQLITE_FULL…). */
  code: string;
  /** What it means, in words an operator acts on (es-MX). */
  cause: string;
}

// PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections; class 08 = connection exception.
const PG_CODES: Record<string, string> = {
  "57P01": "PostgreSQL cerró la conexión (reinicio, failover o pg_terminate_backend)",
  "57P02": "PostgreSQL se detuvo por una falla (crash shutdown)",
  "57P03": "PostgreSQL está arrancando o apagándose y no acepta conexiones",
  "53300": "PostgreSQL no acepta más conexiones (max_connections)",
  "57014": "PostgreSQL canceló una consulta que excedió el tiempo límite (statement_timeout)",
};
const NET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
// node-postgres, pg-pool and Kysely report a dead or closed connection only in the message.
// "not currently accepting connections" is 55000: the database exists but ALLOW_CONNECTIONS is off (maintenance).
const DEAD_CONNECTION =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|pool after calling end|driver has already been destroyed|not currently accepting connections/i;

const SQLITE_CAUSES: [prefix: string, kind: FaultKind, cause: string][] = [
  ["SQLITE_FULL", "storage_unavailable", "disco lleno o la base de datos alcanzó su tamaño máximo"],
  [
    "SQLITE_READONLY",
    "storage_unavailable",
    "la base de datos es de solo lectura (permisos del archivo, disco montado de solo lectura o query_only)",
  ],
  [
    "SQLITE_IOERR",
    "storage_unavailable",
    "error de E/S del disco (disco lleno, cuota o límite de tamaño de archivo agotado, o disco dañado)",
  ],
  ["SQLITE_CANTOPEN", "storage_unavailable", "no se puede abrir el archivo de la base de datos"],
  ["SQLITE_CORRUPT", "storage_unavailable", "el archivo de la base de datos está dañado"],
  ["SQLITE_NOTADB", "storage_unavailable", "el archivo no es una base de datos SQLite"],
  ["SQLITE_BUSY", "database_unavailable", "otro proceso retiene el bloqueo de escritura de SQLite"],
];
const FS_CAUSES: Record<string, string> = {
  ENOSPC: "disco lleno",
  EDQUOT: "cuota de disco agotada",
  EROFS: "sistema de archivos de solo lectura",
  EIO: "error de E/S del disco",
};

/** The fault behind an error, or null when the error is not about reaching or writing the database. */
export function classifyFault(err: unknown): Fault | null {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "";
  const message = typeof e?.message === "string" ? e.message : "";
  if (PG_CODES[code]) return { kind: "database_unavailable", code, cause: PG_CODES[code] };
  if (/^08[0-9A-Z]{3}$/.test(code)) {
    return { kind: "database_unavailable", code, cause: "se perdió la conexión con PostgreSQL" };
  }
  if (NET_CODES.has(code)) {
    return { kind: "database_unavailable", code, cause: "no hay conexión de red con PostgreSQL" };
  }
  for (const [prefix, kind, cause] of SQLITE_CAUSES) {
    if (code.startsWith(prefix)) return { kind, code, cause };
  }
  if (FS_CAUSES[code]) return { kind: "storage_unavailable", code, cause: FS_CAUSES[code] };
  if (DEAD_CONNECTION.test(message)) {
    return {
      kind: "database_unavailable",
      code: code || "CONNECTION_LOST",
      cause: "se perdió la conexión con PostgreSQL",
    };
  }
  return null;
}

/** The driver's own words, for the log line next to our cause. */
export function driverMessage(err: unknown): string {
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === "string" ? message : String(err);
}
