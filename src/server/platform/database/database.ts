import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  type PostgresDialectConfig,
  PostgresDriver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from "kysely";
import pg from "pg";
import { StartupError } from "../errors.js";
import { classifyFault, driverMessage } from "./faults.js";
import { namedStatementsOn } from "./prepared-statements.js";
import { queryWatchdog } from "./query-watchdog.js";
import type { DB } from "./schema.js";
import { withStatementCache } from "./sqlite-statements.js";

export type Dialect = "sqlite" | "postgres";

interface FaultLog {
  warn(obj: object, msg: string): void;
}

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  close(): Promise<void>;
  /** Where the data lives, as the setting that chose it (no password): for operators' log lines. */
  where: string;
  /** The SQLite data directory (MESA_DATA_DIR); null on PostgreSQL. */
  dataDir: string | null;
  /** Where connection drops seen outside any request (idle pool clients) are logged from now on. */
  reportTo(log: FaultLog): void;
  /**
   * PostgreSQL: the same database on a connection of its own without the statement timeout or the
   * watchdog, for work that may rightly run for minutes (migrations); the caller closes it.
   */
  unbounded?(): Database;
}

// int8 (COUNT, SUM, bigint money) arrives as a string by default; our values fit a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** A write refused by a UNIQUE constraint: PostgreSQL 23505, or SQLite's UNIQUE / PRIMARY KEY. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

export function openDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir: string;
  dbStatementTimeoutMs?: number;
}): Database {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, opts.dbStatementTimeoutMs ?? 30_000)
    : openSqlite(opts.dataDir);
}

function openPostgres(url: string, statementTimeoutMs: number, connections = 10): Database {
  // Without a connect timeout an unreachable host holds requests for the OS's TCP timeout (minutes).
  const pool = new pg.Pool({
    connectionString: url,
    max: connections,
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    // A stuck query (lock wait, runaway plan) would hold its request and a pool slot forever; the
    // server cancels it (57014 → 503 database_unavailable), and the watchdog below closes the
    // connection a little later in case the server cannot even answer. 0 turns both off.
    ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
  });
  const watchdog =
    statementTimeoutMs > 0 ? queryWatchdog(statementTimeoutMs + Math.min(5_000, statementTimeoutMs)) : null;
  let log: FaultLog | null = null;
  const safeUrl = new URL(url);
  safeUrl.password = "";
  const where = `DATABASE_URL=${safeUrl.toString()}`;
  // An 'error' event without a listener kills the process. The pool emits one when an idle client's
  // backend goes away (restart, failover, pg_terminate_backend) and has already discarded that client;
  // the next checkout opens a new connection, so logging is all that is left to do.
  pool.on("error", (err) => log?.warn({ code: classifyFault(err)?.code, where }, idleDropMessage(err)));
  pool.on("connect", (client) => {
    // A checked-out client between two queries (inside a transaction) emits 'error' on itself; its next
    // query fails, the request answers 503, and on release the pool drops it (it is no longer queryable).
    client.on("error", () => {});
    namedStatementsOn(client, watchdog?.watch(client));
  });
  pool.on("remove", (client) => watchdog?.forget(client));
  const db = new Kysely<DB>({ dialect: new ResilientPostgresDialect({ pool }) });
  return {
    db,
    dialect: "postgres",
    close: () => {
      watchdog?.stop();
      return db.destroy();
    },
    where,
    dataDir: null,
    reportTo: (l) => {
      log = l;
    },
    unbounded: () => openPostgres(url, 0, 1),
  };
}

function idleDropMessage(err: unknown): string {
  const cause = classifyFault(err)?.cause ?? "error en una conexión inactiva";
  return `base de datos: ${cause} [${driverMessage(err)}]; el pool abrirá una conexión nueva`;
}

function openSqlite(dataDir: string): Database {
  const file = path.join(dataDir, "mesa.sqlite");
  const sqlite = openSqliteFile(dataDir, file);
  const db = new Kysely<DB>({
    dialect: new ResilientSqliteDialect(sqlite, { database: withStatementCache(sqlite) }),
  });
  return {
    db,
    dialect: "sqlite",
    close: () => db.destroy(),
    where: `MESA_DATA_DIR=${dataDir} (archivo ${file})`,
    dataDir,
    reportTo: () => {},
  };
}

/** Opens (creating) the data dir and file; an unusable MESA_DATA_DIR is a one-line StartupError. */
function openSqliteFile(dataDir: string, file: string): SQLite.Database {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    probeWritableSync(dataDir);
    const sqlite = new SQLite(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("synchronous = NORMAL");
    return sqlite;
  } catch (err) {
    const code = (err as { code?: unknown }).code ?? "";
    const cause = classifyFault(err)?.cause ?? driverMessage(err);
    throw new StartupError(
      `MESA_DATA_DIR=${dataDir} no se puede usar: ${cause} (${code ? `${code}: ` : ""}${driverMessage(err)}). ` +
        "Indica en MESA_DATA_DIR un directorio en el que Mesa pueda crear y escribir archivos.",
    );
  }
}

/** Creates and removes a small file, so a read-only mount or a full disk shows now, not at the first write. */
function probeWritableSync(dir: string): void {
  const probe = path.join(dir, `.mesa-probe-${process.pid}`);
  fs.writeFileSync(probe, "ok");
  fs.unlinkSync(probe);
}

/** The async twin of the startup probe, for /api/ready: writes a few KB and syncs them to the disk. */
export async function probeWritable(dir: string): Promise<void> {
  const probe = path.join(dir, `.mesa-ready-${process.pid}-${Date.now()}`);
  const handle = await fs.promises.open(probe, "w");
  try {
    await handle.write(Buffer.alloc(4096, 1));
    await handle.sync();
  } finally {
    await handle.close();
    await fs.promises.rm(probe, { force: true });
  }
}

/**
 * SQLite rolls a transaction back by itself when a write hits a full disk or an I/O error; Kysely's
 * ROLLBACK then fails with "cannot rollback - no transaction is active" and that error replaced the
 * real one (SQLITE_FULL, SQLITE_IOERR…). Roll back only what is still open.
 */
class ResilientSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly cfg: SqliteDialectConfig,
  ) {
    super(cfg);
  }

  override createDriver() {
    const sqlite = this.sqlite;
    const journals = transactionJournals(sqlite);
    return new (class extends SqliteDriver {
      override async beginTransaction(connection: DatabaseConnection): Promise<void> {
        journals.inMemory();
        try {
          await super.beginTransaction(connection);
        } catch (err) {
          journals.restore();
          throw err;
        }
      }
      override async commitTransaction(connection: DatabaseConnection): Promise<void> {
        await super.commitTransaction(connection);
        journals.restore();
      }
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (sqlite.inTransaction) await super.rollbackTransaction(connection);
        journals.restore();
      }
    })(this.cfg);
  }
}

/**
 * A statement in a transaction that may fail half-way (a ticket insert: 13 indexes and the search
 * triggers) keeps a statement journal of the pages it changes, so that it alone can be undone. Past
 * 64 KiB SQLite spills it to a new temp file: every ticket create opened, wrote, unlinked and closed
 * one. `temp_store = MEMORY` keeps it in memory, but also keeps temporary tables in memory however
 * large: so only while a transaction is open (short writes), and reads keep spilling to disk.
 * A PRAGMA temp_store acts when it is prepared, not when it runs: each change is prepared anew (exec).
 */
function transactionJournals(sqlite: SQLite.Database) {
  return {
    inMemory: () => sqlite.exec("pragma temp_store = memory"),
    // Still open (a failed COMMIT is rolled back next): it is restored after the rollback.
    restore: () => {
      if (!sqlite.inTransaction) sqlite.exec("pragma temp_store = default");
    },
  };
}

/** Likewise on PostgreSQL: a ROLLBACK on a dropped connection must not hide why the transaction failed. */
class ResilientPostgresDialect extends PostgresDialect {
  constructor(private readonly cfg: PostgresDialectConfig) {
    super(cfg);
  }

  override createDriver() {
    return new (class extends PostgresDriver {
      override async rollbackTransaction(
        connection: Parameters<PostgresDriver["rollbackTransaction"]>[0],
      ): Promise<void> {
        try {
          await super.rollbackTransaction(connection);
        } catch (err) {
          // Kysely has marked the connection for discard; the server drops a transaction whose session ended.
          if (classifyFault(err)?.kind !== "database_unavailable") throw err;
        }
      }
    })(this.cfg);
  }
}
