import type { z } from "zod";
import type {
  LendBody,
  Loan,
  Loaner,
  LoanerBody,
  LoanerPatch,
  ReturnBody,
} from "../../../contract/warranty.js";
import { localDateOf } from "../../../domain/calendar/index.js";
import { isLoanOverdue, lendRefusal } from "../../../domain/loans.js";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import { onDuplicate } from "../../platform/database/duplicates.js";
import { AppError, conflict, invalid, notFound, orNotFound } from "../../platform/errors.js";
import { checkBaseVersion, staleEdit } from "../../platform/http/versions.js";
import { newId } from "../../platform/ids.js";
import { businessCalendar } from "../settings/settings.js";
import { ticketsRepo } from "../tickets/repository.js";
import { warrantyPolicy } from "./policy.js";
import { type LoanerRow, type LoanRow, loanersRepo } from "./repository.js";

/** Today in the calendar's zone: due dates are local dates. */
async function today(ctx: AppContext): Promise<string> {
  return localDateOf(await businessCalendar(ctx), ctx.clock().getTime());
}

const toLoan = (r: LoanRow, todayIs: string): Loan => ({
  id: r.id,
  loanerId: r.loaner_id,
  equipment: r.equipment,
  serial: r.serial,
  ticketId: r.ticket_id,
  folio: r.folio,
  clientId: r.client_id,
  clientName: r.client_name,
  dueOn: r.due_on,
  lentBy: r.lent_by,
  lentByName: r.lent_by_name,
  lentAt: r.lent_at,
  returnedAt: r.returned_at,
  returnedBy: r.returned_by,
  returnNotes: r.return_notes,
  overdue: isLoanOverdue({ dueOn: r.due_on, returnedAt: r.returned_at }, todayIs),
});

const toLoaner = (r: LoanerRow, loan: Loan | null): Loaner => ({
  id: r.id,
  equipment: r.equipment,
  serial: r.serial,
  state: r.state,
  notes: r.notes,
  currentLoan: loan,
  createdAt: r.created_at,
  version: r.version,
});

const duplicateSerial = () => conflict("loaner.serial_taken", {}, { field: "serial" });

export async function listLoaners(ctx: AppContext, actor: Actor): Promise<Loaner[]> {
  warrantyPolicy.viewInventory(actor);
  const [rows, open, todayIs] = await Promise.all([
    loanersRepo.list(ctx.db),
    loanersRepo.openLoans(ctx.db),
    today(ctx),
  ]);
  const byLoaner = new Map(open.map((l) => [l.loaner_id, toLoan(l, todayIs)]));
  return rows.map((r) => toLoaner(r, byLoaner.get(r.id) ?? null));
}

async function loanerView(ctx: AppContext, id: string): Promise<Loaner> {
  const row = await loanersRepo.byId(ctx.db, id);
  if (!row) throw notFound("loaner");
  const open = await loanersRepo.openLoanOf(ctx.db, id);
  return toLoaner(row, open ? toLoan(open, await today(ctx)) : null);
}

export async function addLoaner(ctx: AppContext, actor: Actor, input: z.output<typeof LoanerBody>) {
  warrantyPolicy.manageInventory(actor);
  if (await loanersRepo.bySerial(ctx.db, input.serial)) throw duplicateSerial();
  const now = ctx.clock().toISOString();
  const id = newId();
  const row = {
    id,
    ...input,
    notes: input.notes || null,
    state: "available" as const,
    created_at: now,
    updated_at: now,
  };
  await onDuplicate(
    ctx.db.transaction().execute(async (trx) => {
      await loanersRepo.insert(trx, row);
      await auditRepo.record(trx, {
        entity: "loaner",
        entityId: id,
        at: now,
        actorId: actor.id,
        action: "create",
        changes: input,
      });
    }),
    duplicateSerial,
  );
  return loanerView(ctx, id);
}

export async function editLoaner(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.output<typeof LoanerPatch>,
) {
  warrantyPolicy.manageInventory(actor);
  const current = await loanersRepo.byId(ctx.db, id);
  if (!current) throw notFound("loaner");
  await checkBaseVersion(input.version, current.version, "loaner", () => loanerView(ctx, id));
  if (input.state !== undefined && input.state !== current.state && current.state === "lent") {
    throw new AppError(
      "invalid_transition",
      "loaner.lent",
      {},
      {
        code: "loaner.lent",
      },
    );
  }
  if (input.serial && input.serial !== current.serial && (await loanersRepo.bySerial(ctx.db, input.serial))) {
    throw duplicateSerial();
  }
  const { version: _base, ...changes } = input;
  const now = ctx.clock().toISOString();
  const patch = {
    ...changes,
    notes: input.notes === undefined ? current.notes : input.notes || null,
    updated_at: now,
  };
  const written = await onDuplicate(
    ctx.db.transaction().execute(async (trx) => {
      if (!(await loanersRepo.update(trx, id, current.version, patch))) return false;
      await auditRepo.record(trx, {
        entity: "loaner",
        entityId: id,
        at: now,
        actorId: actor.id,
        action: "update",
        changes,
      });
      return true;
    }),
    duplicateSerial,
  );
  const saved = await loanerView(ctx, id);
  if (!written) throw staleEdit("loaner", saved);
  return saved;
}

/** Lends an available loaner to the client of a contract ticket; free of charge (seed §1.1). */
export async function lendLoaner(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.output<typeof LendBody>,
) {
  const ticket = warrantyPolicy.handleTicket(actor, await ticketsRepo.byId(ctx.db, input.ticketId));
  const loaner = await loanersRepo.byId(ctx.db, id);
  if (!loaner) throw notFound("loaner");
  const todayIs = await today(ctx);
  if (input.dueOn < todayIs) throw invalid("loaner.due_in_past", {}, { field: "dueOn" });
  const refusal = lendRefusal(loaner, { serviceKind: ticket.service_kind, status: ticket.status });
  const notAvailable = () =>
    new AppError(
      "conflict",
      "loaner.not_available",
      {},
      {
        code: "loaner.not_available",
        state: loaner.state,
      },
    );
  if (refusal === "loaner.not_available") throw notAvailable();
  if (refusal === "loaner.contract_only") {
    throw new AppError(
      "precondition_failed",
      "loaner.contract_only",
      {},
      {
        code: refusal,
      },
    );
  }
  if (refusal) throw new AppError("invalid_transition", "loaner.ticket_closed", {}, { code: refusal });
  const now = ctx.clock().toISOString();
  const loanId = newId();
  const lent = await onDuplicate(
    ctx.db.transaction().execute(async (trx) => {
      if (!(await loanersRepo.setState(trx, id, "available", "lent", now))) return false;
      await loanersRepo.insertLoan(trx, {
        id: loanId,
        loaner_id: id,
        ticket_id: ticket.id,
        client_id: ticket.client_id,
        due_on: input.dueOn,
        lent_by: actor.id,
        lent_at: now,
      });
      await auditRepo.record(trx, {
        entity: "loaner",
        entityId: id,
        at: now,
        actorId: actor.id,
        action: "lend",
        changes: { loanId, ...input },
      });
      return true;
    }),
    notAvailable,
  );
  if (!lent) throw notAvailable();
  return toLoan(orNotFound(await loanersRepo.loanById(ctx.db, loanId), "loaner"), todayIs);
}

/** Takes a lent loaner back; one not out on loan is 409 and nothing changes. */
export async function returnLoaner(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.output<typeof ReturnBody>,
) {
  const loaner = await loanersRepo.byId(ctx.db, id);
  if (!loaner) throw notFound("loaner");
  const open = await loanersRepo.openLoanOf(ctx.db, id);
  const notLent = () =>
    new AppError(
      "invalid_transition",
      "loaner.not_lent",
      {},
      {
        code: "loaner.not_lent",
        state: loaner.state,
      },
    );
  if (!open) throw notLent();
  warrantyPolicy.handleTicket(actor, await ticketsRepo.byId(ctx.db, open.ticket_id));
  const now = ctx.clock().toISOString();
  const state = input.state ?? "available";
  const ok = await ctx.db.transaction().execute(async (trx) => {
    if (!(await loanersRepo.closeLoan(trx, open.id, { by: actor.id, at: now, notes: input.notes || null })))
      return false;
    await loanersRepo.setState(trx, id, "lent", state, now);
    await auditRepo.record(trx, {
      entity: "loaner",
      entityId: id,
      at: now,
      actorId: actor.id,
      action: "return",
      changes: { loanId: open.id, ...input },
    });
    return true;
  });
  if (!ok) throw notLent();
  return toLoan(orNotFound(await loanersRepo.loanById(ctx.db, open.id), "loaner"), await today(ctx));
}

export async function overdueLoans(ctx: AppContext, actor: Actor): Promise<Loan[]> {
  warrantyPolicy.viewInventory(actor);
  const todayIs = await today(ctx);
  return (await loanersRepo.overdue(ctx.db, todayIs)).map((r) => toLoan(r, todayIs));
}

export async function loansOfTicket(ctx: AppContext, actor: Actor, ticketId: string): Promise<Loan[]> {
  const ticket = warrantyPolicy.viewTicket(actor, await ticketsRepo.byId(ctx.db, ticketId));
  const todayIs = await today(ctx);
  return (await loanersRepo.loansOfTicket(ctx.db, ticket.id)).map((r) => toLoan(r, todayIs));
}
