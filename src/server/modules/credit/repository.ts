import type { Insertable, Kysely, Selectable } from "kysely";
import { UNPAID_INVOICE_STATUSES } from "../../../domain/credit.js";
import type { CreditRequestsTable, DB } from "../../platform/database/schema.js";

type Db = Kysely<DB>;
export type CreditRequestRow = Selectable<CreditRequestsTable> & {
  client_name: string;
  requested_by_name: string | null;
  decided_by_name: string | null;
};

function withNames(db: Db) {
  return db
    .selectFrom("credit_requests as cr")
    .innerJoin("clients as c", "c.id", "cr.client_id")
    .leftJoin("users as rq", "rq.id", "cr.requested_by")
    .leftJoin("users as dc", "dc.id", "cr.decided_by")
    .selectAll("cr")
    .select(["c.name as client_name", "rq.name as requested_by_name", "dc.name as decided_by_name"]);
}

export const creditRepo = {
  insert: (db: Db, row: Insertable<CreditRequestsTable>) =>
    db.insertInto("credit_requests").values(row).execute(),
  byId: (db: Db, id: string): Promise<CreditRequestRow | undefined> =>
    withNames(db).where("cr.id", "=", id).executeTakeFirst(),
  pendingFor: (db: Db, clientId: string): Promise<CreditRequestRow | undefined> =>
    withNames(db).where("cr.client_id", "=", clientId).where("cr.status", "=", "pending").executeTakeFirst(),
  list: (db: Db, q: { status?: string | undefined; clientId?: string | undefined; limit: number }) => {
    let query = withNames(db);
    if (q.status) query = query.where("cr.status", "=", q.status as CreditRequestsTable["status"]);
    if (q.clientId) query = query.where("cr.client_id", "=", q.clientId);
    return query.orderBy("cr.requested_at", "desc").orderBy("cr.id").limit(q.limit).execute();
  },
  /** Decides a pending request; false when someone decided it first. */
  decide: async (
    db: Db,
    id: string,
    d: { status: "approved" | "rejected"; by: string; at: string; reason: string },
  ): Promise<boolean> => {
    const r = await db
      .updateTable("credit_requests")
      .set({ status: d.status, decided_by: d.by, decided_at: d.at, decision_reason: d.reason })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  grantCredit: (db: Db, clientId: string, g: { days: number; limitCents: number; by: string; at: string }) =>
    db
      .updateTable("clients")
      .set((eb) => ({
        payment_terms: "credit",
        credit_days: g.days,
        credit_limit_cents: g.limitCents,
        credit_approved_by: g.by,
        credit_approved_at: g.at,
        updated_at: g.at,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", clientId)
      .execute(),
  rfcReview: (db: Db, limit: number) =>
    db
      .selectFrom("clients as c")
      .leftJoin("users as u", "u.id", "c.rfc_confirmed_by")
      .select([
        "c.id",
        "c.name",
        "c.rfc",
        "c.rfc_confirmed_by",
        "c.rfc_confirmed_at",
        "u.name as confirmed_by_name",
      ])
      .where("c.rfc_check_failed", "=", 1)
      .where("c.rfc", "is not", null)
      .orderBy("c.name")
      .limit(limit)
      .execute(),
};

/** What a client owes: the total of its issued or exported invoices (billing's `invoices`), in cents. */
export async function unpaidInvoiceTotalCents(db: Db, clientId: string): Promise<number> {
  const row = await db
    .selectFrom("invoices")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>("total_cents"), eb.lit(0)).as("total"))
    .where("client_id", "=", clientId)
    .where("status", "in", [...UNPAID_INVOICE_STATUSES])
    .executeTakeFirst();
  // PostgreSQL's sum of bigint comes back as text.
  return Number(row?.total ?? 0);
}
