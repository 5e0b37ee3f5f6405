/**
 * SQL of the leader's dashboard: what is open right now. The ticket counts come in one statement (one
 * round trip: on PostgreSQL each costs more than the indexed counts themselves); the time entries'
 * in another, so that PostgreSQL plans neither in parallel (on a busy server starting the workers
 * costs more than the counts).
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "../../platform/database/schema.js";
import { ENTRY_AT } from "./repository-billing.js";

type Db = Kysely<DB>;
type Row = Record<string, unknown>;
const rows = async (db: Db, q: RawBuilder<unknown>): Promise<Row[]> => (await q.execute(db)).rows as Row[];

/** Written as the list of open states (not "not closed") so the status index is searched, not scanned. */
const OPEN = sql`t.status in ('new', 'assigned', 'in_progress', 'attended', 'reviewed')`;
/** Open and not yet answered: only these can breach (partial index tickets_waiting, same condition). */
const WAITING = sql`t.responded_at is null and t.status in ('new', 'assigned', 'in_progress', 'attended', 'reviewed')`;

const listed = (where: RawBuilder<unknown>, limit: number) =>
  sql`select t.id, t.folio, t.title, c.name as client_name, t.urgent, t.status, t.response_due_at,
      u.name as assignee_name
    from tickets t join clients c on c.id = t.client_id left join users u on u.id = t.assignee_id
    where ${where} order by t.response_due_at, t.folio limit ${limit}`;

/** The instants the dashboard counts against. */
export interface DashboardNow {
  now: string;
  /** The end of "near breach": `now` plus the threshold in business time. */
  cutoff: string;
  today: string;
}

export const dashboardRepo = {
  /**
   * The ticket counts, as rows (what, key, n): open by status, unassigned, breached, near breach,
   * today's intake by channel, open (assigned, in progress) per assignee.
   */
  counts: (db: Db, at: DashboardNow) =>
    rows(
      db,
      sql`select 'status' as what, t.status as key, count(*) as n from tickets t where ${OPEN} group by t.status
        union all select 'unassigned', '', count(*) from tickets t where t.assignee_id is null and ${OPEN}
        union all select 'breached', '', count(*) from tickets t where ${WAITING} and t.response_due_at < ${at.now}
        union all select 'near', '', count(*) from tickets t where ${WAITING}
          and t.response_due_at >= ${at.now} and t.response_due_at <= ${at.cutoff}
        union all select 'channel', t.channel, count(*) from tickets t where t.received_at >= ${at.today}
          group by t.channel
        union all select 'open', t.assignee_id, count(*) from tickets t
          where t.status in ('assigned', 'in_progress') and t.assignee_id is not null group by t.assignee_id`,
    ),

  /** Minutes logged since `since` per user. */
  minutesSince: (db: Db, since: string) =>
    rows(
      db,
      sql`select te.user_id, sum(te.minutes) as minutes from time_entries te
        where ${ENTRY_AT} >= ${since} group by te.user_id`,
    ),

  breached: (db: Db, now: string, limit: number) =>
    rows(db, listed(sql`${WAITING} and t.response_due_at < ${now}`, limit)),

  near: (db: Db, now: string, cutoff: string, limit: number) =>
    rows(
      db,
      listed(sql`${WAITING} and t.response_due_at >= ${now} and t.response_due_at <= ${cutoff}`, limit),
    ),

  /** Active technicians and seniors. */
  technicians: (db: Db) =>
    rows(
      db,
      sql`select u.id, u.name from users u where u.active = 1 and u.client_id is null
          and (u.roles like '%"technician"%' or u.roles like '%"senior"%')
        order by u.name`,
    ),
};
