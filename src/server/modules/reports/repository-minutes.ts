/**
 * The reports' reads of the minute histograms (`report_minutes`, by day and by month): bucket
 * counts and totals summed over the range, for the medians, p90 and bins (domain/reports/minutes.ts).
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { ReportFilters } from "../../../contract/reports.js";
import type { DB } from "../../platform/database/schema.js";
import { type Days, rowsOf, type Target } from "./repository-daily.js";

type Db = Kysely<DB>;
type Row = Record<string, unknown>;
const rows = async (db: Db, q: RawBuilder<unknown>): Promise<Row[]> => (await q.execute(db)).rows as Row[];

const COLUMNS = "d.key, d.measure, d.service_kind, d.urgent, d.bucket, d.n, d.total";

export const minutesRepo = {
  /** Response buckets (business and wall minutes) per kind × urgency. */
  response: (db: Db, t: Target, d: Days, f: ReportFilters) =>
    rows(
      db,
      sql`select d.service_kind as kind, d.urgent as urgent, d.measure as measure, d.bucket as bucket,
          sum(d.n) as n, sum(d.total) as total
        from ${rowsOf("report_minutes", COLUMNS, t, d, f, sql`and d.measure in ('response', 'wall')`)}
        group by d.service_kind, d.urgent, d.measure, d.bucket`,
    ),

  /**
   * Attention or closing buckets per category ('' for none) of `t` (dimension `category`, one key or
   * all): the keys of the range are listed from the daily summary first, so each is one index range.
   * One measure per statement: half the rows to group (PostgreSQL sorts them within work_mem).
   */
  resolution: (db: Db, t: Target, d: Days, f: ReportFilters, measure: "attended" | "closed") => {
    const keys = rowsOf("report_daily", "d.key", t, d, f);
    const more = sql`and d.key in (select d.key from ${keys}) and d.measure = ${measure}`;
    return rows(
      db,
      sql`select d.key as key, d.bucket as bucket, sum(d.n) as n, sum(d.total) as total
        from ${rowsOf("report_minutes", COLUMNS, t, d, f, more)}
        group by d.key, d.bucket`,
    );
  },
};
