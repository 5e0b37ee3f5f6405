/** SQL of the leader's dashboard: what is open right now. */
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

export const dashboardRepo = {
  byStatus: (db: Db) =>
    rows(db, sql`select t.status, count(*) as n from tickets t where ${OPEN} group by t.status`),

  unassigned: (db: Db) =>
    rows(db, sql`select count(*) as n from tickets t where t.assignee_id is null and ${OPEN}`),

  breachedCount: (db: Db, now: string) =>
    rows(db, sql`select count(*) as n from tickets t where ${WAITING} and t.response_due_at < ${now}`),
  breached: (db: Db, now: string, limit: number) =>
    rows(db, listed(sql`${WAITING} and t.response_due_at < ${now}`, limit)),

  nearCount: (db: Db, now: string, cutoff: string) =>
    rows(
      db,
      sql`select count(*) as n from tickets t where ${WAITING}
        and t.response_due_at >= ${now} and t.response_due_at <= ${cutoff}`,
    ),
  near: (db: Db, now: string, cutoff: string, limit: number) =>
    rows(
      db,
      listed(sql`${WAITING} and t.response_due_at >= ${now} and t.response_due_at <= ${cutoff}`, limit),
    ),

  intakeByChannel: (db: Db, since: string) =>
    rows(
      db,
      sql`select t.channel, count(*) as n from tickets t where t.received_at >= ${since} group by t.channel`,
    ),

  /** Active technicians and seniors with their open (assigned, in progress) tickets. */
  technicians: (db: Db) =>
    rows(
      db,
      sql`select u.id, u.name, (select count(*) from tickets t where t.assignee_id = u.id
          and t.status in ('assigned', 'in_progress')) as open_tickets
        from users u where u.active = 1 and u.client_id is null
          and (u.roles like '%"technician"%' or u.roles like '%"senior"%')
        order by u.name`,
    ),

  minutesSince: (db: Db, since: string) =>
    rows(
      db,
      sql`select te.user_id, sum(te.minutes) as minutes from time_entries te
        where ${ENTRY_AT} >= ${since} group by te.user_id`,
    ),
};
