/**
 * PostgreSQL half of the reports bench: a fresh database on BENCH_PG_URL's server, migrated by the
 * app, filled by generate_series in SQL (same shape as reports-seed.ts: three years up to 30 Nov 2026,
 * the last two weeks open, 5 % cancelled, one entry and one `attended` row per finished ticket).
 * BENCH_PG_DB=name keeps the database (seeded on the first run) for later runs and EXPLAIN.
 */
import pg from "pg";
import { buildApp } from "../src/server/app.js";
import { appEnv, startAndRebuild, timeReports } from "./reports-timing.js";

const ISO = (col: string) => `to_char(${col}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const OPEN = "array['new','assigned','in_progress','attended','reviewed']";

function seedSql(n: number): string[] {
  const now = "'2026-12-01T06:00:00Z'";
  return [
    `insert into users (id, email, name, password_hash, roles, skills, locale, active, created_at, updated_at)
      select 'bench-tech-' || i, 'tech' || i || '@bench.mx', 'Técnico ' || i, null, '["technician"]', '[]', 'es-MX', 1, ${now}, ${now}
      from generate_series(0, 19) i`,
    `insert into clients (id, name, payment_terms, search_text, created_at, updated_at)
      select 'bench-client-' || i, 'Cliente ' || i, 'cash', 'cliente ' || i, ${now}, ${now} from generate_series(0, 199) i`,
    `insert into contracts (id, client_id, type, starts_on, monthly_fee_cents, included_minutes_per_month, overage_rate_cents, created_at, updated_at)
      select 'bench-contract-' || i, 'bench-client-' || i, 'SS', '2023-01-01', 350000, 600, 90000, ${now}, ${now} from generate_series(0, 99) i`,
    `create unlogged table bench_seed as
      select g, timestamp '2023-12-02 06:00' + (g * (3 * 365 * 86400000.0 / ${n})) * interval '1 millisecond' as rec,
        (g * 7919) % 200 as cn, (g * 2654435761) % 1000 < 200 as urgent,
        ((g * 40503) % 1000) / 1000.0 as r1, ((g * 69069) % 1000) / 1000.0 as r2, ((g * 1103515245) % 1000) / 1000.0 as r3
      from generate_series(0::bigint, ${n - 1}) g`,
    `create unlogged table bench_seed2 as
      select s.*, cn < 100 as contract, (case when cn < 100 then 120 else 480 end) / (case when urgent then 2 else 1 end) as target,
        case when rec > timestamp '2026-11-17 06:00' then (${OPEN})[1 + g % 5]
             when r2 < 0.05 then 'cancelled' else 'closed' end as status,
        30 + floor(r3 * 210)::int as raw
      from bench_seed s`,
    `create unlogged table bench_seed3 as
      select s.*, rec + target * (1 + r1 * 3) * interval '1 minute' as due,
        case when status in ('new', 'cancelled') then null else rec + floor(r1 * target * 2) * interval '1 minute' end as responded,
        case when status = 'closed' then rec + (1 + r3 * 3) * interval '1 day' end as closed,
        status in ('closed', 'attended', 'reviewed') as finished
      from bench_seed2 s`,
    `insert into tickets (id, folio, client_id, title, description, urgent, channel, category, service_kind, contract_id,
        status, assignee_id, received_at, response_due_at, responded_at, estimated_solution_minutes, raw_minutes,
        billable_minutes, billing_status, unknown_sender, search_text, created_at, updated_at, closed_at, version)
      select 'bench-t-' || g, 'OS-B-' || g, 'bench-client-' || cn, 'Ticket', '', urgent::int,
        (array['phone','email','portal','walk_in'])[1 + g % 4],
        (array['soporte','redes','fortigate','hosting','windows-server','microsip'])[1 + g % 6],
        case when contract then 'contract' else 'event' end, case when contract then 'bench-contract-' || cn end,
        status, case when status <> 'new' then 'bench-tech-' || (g % 20) end, ${ISO("rec")}, ${ISO("due")}, ${ISO("responded")},
        480, case when finished then raw else 0 end, case when status in ('closed', 'reviewed') then ceil(raw / 15.0)::int * 15 end,
        case when status <> 'closed' then 'pending' else (array['to_invoice','invoiced','invoiced','no_charge'])[1 + g % 4] end,
        0, '', ${ISO("rec")}, ${ISO("coalesce(closed, rec)")}, ${ISO("closed")}, 1
      from bench_seed3`,
    `insert into ticket_history (ticket_id, at, action, from_status, to_status)
      select 'bench-t-' || g, ${ISO("coalesce(responded, rec) + r2 * interval '1 day'")}, 'attend', 'in_progress', 'attended'
      from bench_seed3 where finished`,
    `insert into time_entries (id, ticket_id, user_id, minutes, mode, activity, created_by, created_at)
      select 'bench-e-' || g, 'bench-t-' || g, 'bench-tech-' || (g % 20), raw, (array['onsite','office','remote','phone'])[1 + g % 4],
        'Trabajo', 'bench-tech-' || (g % 20), ${ISO("coalesce(responded, rec) + r2 * interval '1 day' - interval '1 minute'")}
      from bench_seed3 where finished`,
    `insert into surveys (id, ticket_id, overall, technician, timeliness, outcome, recorded_at)
      select 'bench-s-' || g, 'bench-t-' || g, 1 + g % 5, 1 + g % 5, 1 + g % 5,
        case when g % 10 = 0 then 'unreachable' else 'answered' end, ${ISO("closed")}
      from bench_seed3 where closed is not null and g % 3 = 0`,
    // As surveysRepo.insert does: a ticket with its survey leaves the survey queue's index.
    "update tickets set survey_recorded = 1 where id in (select ticket_id from surveys)",
    `insert into charges (id, ticket_id, kind, description, quantity, unit_price_cents, amount_cents, created_by, created_at)
      select 'bench-c-' || g, 'bench-t-' || g, 'consumable', 'Cable', 1, 25000, 25000, 'bench-tech-0', ${ISO("rec + interval '1 hour'")}
      from bench_seed3 where finished and g % 20 = 0`,
    "drop table bench_seed, bench_seed2, bench_seed3",
    // Rows written here bypass the report ledger: the next start queues the rebuild of facts and summary.
    "delete from report_summary_state",
    "analyze",
  ];
}

/**
 * VACUUM ANALYZE after the seeding and the rebuild rewrote every ticket: the test server here runs
 * with autovacuum off, and without it an index-only scan still reads the table (the visibility map
 * is empty) and the planner's counts are stale. A production server's autovacuum does the same in
 * the background after such a rewrite.
 */
async function vacuum(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  try {
    await c.query("vacuum (analyze)");
  } finally {
    await c.end();
  }
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  console.log(`postgres: vacuum analyze in ${seconds} s`);
  return seconds;
}

export async function postgresBench(
  url: string,
  tickets: number,
  now: Date,
): Promise<Record<string, number>> {
  // BENCH_PG_DB keeps the seeded database between runs (as BENCH_DATA_DIR does for SQLite).
  const kept = process.env.BENCH_PG_DB;
  const name = kept ?? `mesa_bench_reports_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const exists = kept && (await admin.query("select 1 from pg_database where datname = $1", [kept])).rowCount;
  if (!exists) await admin.query(`create database ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  try {
    let seedSeconds = 0;
    if (!exists) {
      await (await buildApp({ env: appEnv({ DATABASE_URL: dbUrl.toString() }), logger: false })).close();
      const c = new pg.Client({ connectionString: dbUrl.toString() });
      await c.connect();
      const t0 = performance.now();
      try {
        for (const statement of seedSql(tickets)) await c.query(statement);
      } finally {
        await c.end();
      }
      seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
      console.log(`postgres: seeded ${tickets} tickets in ${seedSeconds} s`);
    }
    // The first start after seeding queues the report facts and summary rebuild (a background task).
    const build = () =>
      buildApp({ env: appEnv({ DATABASE_URL: dbUrl.toString() }), logger: false, clock: () => now });
    const { app, startSeconds, backfillSeconds } = await startAndRebuild(build, "postgres");
    const vacuumSeconds = await vacuum(dbUrl.toString());
    try {
      return {
        "postgres.vacuumSeconds": vacuumSeconds,
        ...(seedSeconds ? { "postgres.seedSeconds": seedSeconds } : {}),
        "postgres.startSeconds": startSeconds,
        ...(backfillSeconds ? { "postgres.backfillSeconds": backfillSeconds } : {}),
        ...(await timeReports(app, "postgres")),
      };
    } finally {
      await app.close();
    }
  } finally {
    if (!kept && !process.env.BENCH_KEEP_PG)
      await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
