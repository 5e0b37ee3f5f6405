import type pg from "pg";

/**
 * The client's side of MESA_DB_STATEMENT_TIMEOUT_MS. PostgreSQL cancels a statement that runs too long
 * (57014 → 503); a server that cannot answer at all (a host gone quiet, a network dropped without a
 * reset) would hold the request and its pool slot until the operating system gives up on the socket,
 * which takes many minutes. A connection whose query has waited past `limitMs` is closed instead:
 * what waits on it fails (503 database_unavailable) and the pool opens another.
 *
 * One interval per pool reads when each busy connection's oldest query started. pg's own
 * `query_timeout` does this with a timer per query whose callback holds the query, and so its rows:
 * with it, V8 copied every page's rows to the old generation instead of dropping them young
 * (measured 6 December 2026 on a bare Fastify + pg route running a queue page at 100,000 tickets,
 * 6 s of load: 280–305 MB promoted and 730–800 ms of scavenges, against 0.5–0.8 MB and 100–125 ms
 * without it; README, «Rendimiento»).
 */
export interface QueryWatchdog {
  /** An observer of `client`'s queries: those Kysely runs, reported by the one wrapper that sends them. */
  watch(client: pg.PoolClient): QueryObserver;
  /** The pool removed `client`. */
  forget(client: pg.PoolClient): void;
  stop(): void;
}

/** What the watchdog is told of one connection's queries (see namedStatementsOn, which sends them). */
export interface QueryObserver {
  sent(): void;
  answered(): void;
}

interface Busy {
  /** Queries sent and not yet answered. */
  queries: number;
  /** When the oldest of them started waiting (performance.now(): a step of the wall clock cuts nothing). */
  since: number;
}

/** The error the queries of a connection cut for its silence fail with (ETIMEDOUT: classifyFault → 503). */
export function silentServerError(limitMs: number): Error {
  const err = new Error(`PostgreSQL no respondió en ${limitMs} ms; se cerró la conexión`);
  (err as Error & { code: string }).code = "ETIMEDOUT";
  return err;
}

export function queryWatchdog(limitMs: number): QueryWatchdog {
  const busy = new Map<pg.PoolClient, Busy>();
  const check = () => {
    const now = performance.now();
    for (const [client, b] of busy) {
      if (b.queries > 0 && now - b.since > limitMs) {
        busy.delete(client);
        (client as unknown as pg.Client).connection.stream.destroy(silentServerError(limitMs));
      }
    }
  };
  const timer = setInterval(check, Math.max(50, Math.min(1_000, limitMs / 4)));
  timer.unref();
  return {
    watch(client) {
      const b: Busy = { queries: 0, since: 0 };
      busy.set(client, b);
      return {
        sent: () => {
          if (b.queries++ === 0) b.since = performance.now();
        },
        answered: () => {
          b.queries = Math.max(0, b.queries - 1);
          // pg runs a connection's queries one after another: the next one starts waiting now.
          b.since = performance.now();
        },
      };
    },
    forget: (client) => busy.delete(client),
    stop: () => clearInterval(timer),
  };
}
