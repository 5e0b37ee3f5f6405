import type { z } from "zod";
import type { WarrantyCaseBody, WarrantyCasePatch } from "../../../contract/warranty.js";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import { onDuplicate } from "../../platform/database/duplicates.js";
import { AppError, invalid, notFound } from "../../platform/errors.js";
import { checkBaseVersion, staleEdit } from "../../platform/http/versions.js";
import { newId } from "../../platform/ids.js";
import { ticketsRepo } from "../tickets/repository.js";
import { warrantyPolicy } from "./policy.js";
import { toWarrantyCase, type WarrantyCaseRow, warrantyRepo } from "./repository.js";
import { warrantyExecutionFeeCents } from "./settings.js";

const alreadyOpen = () =>
  new AppError(
    "duplicate",
    "warranty.exists",
    {},
    {
      code: "warranty.exists",
    },
  );

function checkDates(sentOn: string | null, returnedOn: string | null): void {
  if (returnedOn && !sentOn) {
    throw invalid("warranty.sent_before_return", {}, { field: "sentOn" });
  }
  if (sentOn && returnedOn && returnedOn < sentOn) {
    throw invalid("warranty.return_before_sent", {}, { field: "returnedOn" });
  }
}

export async function ticketWarranty(ctx: AppContext, actor: Actor, ticketId: string) {
  const ticket = warrantyPolicy.viewTicket(actor, await ticketsRepo.byId(ctx.db, ticketId));
  const row = await warrantyRepo.caseOfTicket(ctx.db, ticket.id);
  return {
    warrantyCase: row ? toWarrantyCase(row) : null,
    // Warranty handling is free for contracts and charged for events (seed §1.1, §1.2).
    chargeable: ticket.service_kind === "event",
    executionFeeCents: await warrantyExecutionFeeCents(ctx),
  };
}

export async function openWarrantyCase(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: z.output<typeof WarrantyCaseBody>,
) {
  const ticket = warrantyPolicy.handleTicket(actor, await ticketsRepo.byId(ctx.db, ticketId));
  checkDates(input.sentOn ?? null, input.returnedOn ?? null);
  if (await warrantyRepo.caseOfTicket(ctx.db, ticket.id)) throw alreadyOpen();
  const now = ctx.clock().toISOString();
  const row: WarrantyCaseRow = {
    id: newId(),
    ticket_id: ticket.id,
    manufacturer: input.manufacturer,
    model: input.model,
    serial: input.serial,
    rma_number: input.rmaNumber || null,
    sent_on: input.sentOn ?? null,
    returned_on: input.returnedOn ?? null,
    status: input.status ?? (input.sentOn ? "sent" : "open"),
    notes: input.notes || null,
    created_by: actor.id,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await onDuplicate(
    ctx.db.transaction().execute(async (trx) => {
      await warrantyRepo.insertCase(trx, row);
      await auditRepo.record(trx, {
        entity: "warranty_case",
        entityId: row.id,
        at: now,
        actorId: actor.id,
        action: "create",
        changes: { ticketId: ticket.id, ...input },
      });
    }),
    alreadyOpen,
  );
  return toWarrantyCase(row);
}

export async function editWarrantyCase(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: z.output<typeof WarrantyCasePatch>,
) {
  const ticket = warrantyPolicy.handleTicket(actor, await ticketsRepo.byId(ctx.db, ticketId));
  const current = await warrantyRepo.caseOfTicket(ctx.db, ticket.id);
  if (!current) throw notFound("warranty_case");
  await checkBaseVersion(input.version, current.version, "warranty_case", () => toWarrantyCase(current));
  const { version: _base, ...changes } = input;
  const pick = <T>(v: T | undefined, old: T) => (v === undefined ? old : v);
  const next = {
    manufacturer: pick(input.manufacturer, current.manufacturer),
    model: pick(input.model, current.model),
    serial: pick(input.serial, current.serial),
    rma_number: input.rmaNumber === undefined ? current.rma_number : input.rmaNumber || null,
    sent_on: pick(input.sentOn, current.sent_on),
    returned_on: pick(input.returnedOn, current.returned_on),
    status: pick(input.status, current.status),
    notes: input.notes === undefined ? current.notes : input.notes || null,
  };
  checkDates(next.sent_on, next.returned_on);
  const now = ctx.clock().toISOString();
  const written = await ctx.db.transaction().execute(async (trx) => {
    if (!(await warrantyRepo.updateCase(trx, current.id, current.version, { ...next, updated_at: now })))
      return false;
    await auditRepo.record(trx, {
      entity: "warranty_case",
      entityId: current.id,
      at: now,
      actorId: actor.id,
      action: "update",
      changes,
    });
    return true;
  });
  const saved = await warrantyRepo.caseOfTicket(ctx.db, ticket.id);
  if (!saved) throw notFound("warranty_case");
  if (!written) throw staleEdit("warranty_case", toWarrantyCase(saved));
  return toWarrantyCase(saved);
}
