import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { WarrantyCase } from "../../../contract/warranty.js";
import { isWarrantyHandled } from "../../../domain/loans.js";
import type { DB, LoanersTable, LoansTable, WarrantyCasesTable } from "../../platform/database/schema.js";
import { updateAtVersion } from "../../platform/database/versioned-rows.js";

type Db = Kysely<DB>;
export type WarrantyCaseRow = Selectable<WarrantyCasesTable>;
export type LoanerRow = Selectable<LoanersTable>;

export const toWarrantyCase = (r: WarrantyCaseRow): WarrantyCase => ({
  id: r.id,
  ticketId: r.ticket_id,
  manufacturer: r.manufacturer,
  model: r.model,
  serial: r.serial,
  rmaNumber: r.rma_number,
  sentOn: r.sent_on,
  returnedOn: r.returned_on,
  status: r.status,
  notes: r.notes,
  handled: isWarrantyHandled(r.status),
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

const loansWithNames = (db: Db) =>
  db
    .selectFrom("loans as l")
    .innerJoin("loaners as lr", "lr.id", "l.loaner_id")
    .innerJoin("tickets as t", "t.id", "l.ticket_id")
    .innerJoin("clients as c", "c.id", "l.client_id")
    .leftJoin("users as u", "u.id", "l.lent_by")
    .selectAll("l")
    .select(["lr.equipment", "lr.serial", "t.folio", "c.name as client_name", "u.name as lent_by_name"]);
export type LoanRow = Awaited<ReturnType<ReturnType<typeof loansWithNames>["executeTakeFirstOrThrow"]>>;

export const warrantyRepo = {
  caseOfTicket: (db: Db, ticketId: string) =>
    db.selectFrom("warranty_cases").selectAll().where("ticket_id", "=", ticketId).executeTakeFirst(),
  insertCase: (db: Db, row: Insertable<WarrantyCasesTable>) =>
    db.insertInto("warranty_cases").values(row).execute(),
  updateCase: (db: Db, id: string, version: number, patch: Updateable<WarrantyCasesTable>) =>
    updateAtVersion(db, "warranty_cases", id, version, patch),
};

export const loanersRepo = {
  list: (db: Db) =>
    db.selectFrom("loaners").selectAll().orderBy("equipment").orderBy("serial").limit(1000).execute(),
  byId: (db: Db, id: string) => db.selectFrom("loaners").selectAll().where("id", "=", id).executeTakeFirst(),
  bySerial: (db: Db, serial: string) =>
    db.selectFrom("loaners").selectAll().where("serial", "=", serial).executeTakeFirst(),
  insert: (db: Db, row: Insertable<LoanersTable>) => db.insertInto("loaners").values(row).execute(),
  update: (db: Db, id: string, version: number, patch: Updateable<LoanersTable>) =>
    updateAtVersion(db, "loaners", id, version, patch),
  /** Moves a loaner from one state to another; false when it was not in `from` any more. */
  setState: async (
    db: Db,
    id: string,
    from: LoanersTable["state"],
    to: LoanersTable["state"],
    at: string,
  ) => {
    const r = await db
      .updateTable("loaners")
      .set((eb) => ({ state: to, updated_at: at, version: eb("version", "+", 1) }))
      .where("id", "=", id)
      .where("state", "=", from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  insertLoan: (db: Db, row: Insertable<LoansTable>) => db.insertInto("loans").values(row).execute(),
  closeLoan: async (db: Db, id: string, r: { by: string; at: string; notes: string | null }) => {
    const res = await db
      .updateTable("loans")
      .set({ returned_by: r.by, returned_at: r.at, return_notes: r.notes })
      .where("id", "=", id)
      .where("returned_at", "is", null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  loanById: (db: Db, id: string) => loansWithNames(db).where("l.id", "=", id).executeTakeFirst(),
  openLoanOf: (db: Db, loanerId: string) =>
    loansWithNames(db)
      .where("l.loaner_id", "=", loanerId)
      .where("l.returned_at", "is", null)
      .executeTakeFirst(),
  openLoans: (db: Db) => loansWithNames(db).where("l.returned_at", "is", null).execute(),
  loansOfTicket: (db: Db, ticketId: string) =>
    loansWithNames(db).where("l.ticket_id", "=", ticketId).orderBy("l.lent_at", "desc").execute(),
  overdue: (db: Db, today: string) =>
    loansWithNames(db)
      .where("l.returned_at", "is", null)
      .where("l.due_on", "<", today)
      .orderBy("l.due_on")
      .limit(1000)
      .execute(),
};

/**
 * The ticket's warranty case when one was handled (sent to the manufacturer, whatever it answered),
 * else null. For the billing module: an `event` ticket's invoice adds the warranty execution fee
 * (setting `warrantyExecutionFeeCents`, see `warrantyExecutionFeeCents()` in ./settings.ts) when this
 * is not null; contract tickets never carry it (seed §1.1: "sin costo").
 */
export async function handledWarrantyCase(db: Db, ticketId: string): Promise<WarrantyCase | null> {
  const row = await warrantyRepo.caseOfTicket(db, ticketId);
  if (!row || !isWarrantyHandled(row.status)) return null;
  return toWarrantyCase(row);
}
