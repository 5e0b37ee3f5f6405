import type { z } from "zod";
import type { Contract, ContractBody, ContractPatch, ContractTypeBody } from "../../../contract/clients.js";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import { stillThere } from "../../platform/database/still-there.js";
import { invalid, notFound } from "../../platform/errors.js";
import { checkBaseVersion, staleEdit } from "../../platform/http/versions.js";
import { newId } from "../../platform/ids.js";
import { contractFor } from "../clients/client-view.js";
import { type ContractRow, clientsRepo, contractsRepo } from "../clients/repository.js";
import {
  assertMayEditContracts,
  assertMayEditContractTypes,
  assertMayListContracts,
  assertMayReadContract,
  assertMayReadContractTypes,
} from "./policy.js";
import { toContractType } from "./type-coverage.js";

type ContractWithType = ContractRow & { type_name: string; client_name: string };

export function toContract(r: ContractWithType): Contract {
  return {
    id: r.id,
    clientId: r.client_id,
    clientName: r.client_name,
    type: r.type,
    typeName: r.type_name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    monthlyFeeCents: r.monthly_fee_cents,
    includedMinutesPerMonth: r.included_minutes_per_month,
    overageRateCents: r.overage_rate_cents,
    slaNormalMinutes: r.sla_normal_minutes,
    slaUrgentMinutes: r.sla_urgent_minutes,
    notes: r.notes,
    cancelledAt: r.cancelled_at,
    createdAt: r.created_at,
    version: r.version,
  };
}

async function checkType(ctx: AppContext, code: string): Promise<void> {
  const t = await contractsRepo.typeByCode(ctx.db, code);
  if (t?.active !== 1) throw invalid("contract.unknown_type", { code }, { field: "type" });
}

function checkDates(startsOn: string, endsOn: string | null | undefined): void {
  if (endsOn && endsOn < startsOn) throw invalid("contract.ends_before_start", {}, { field: "endsOn" });
}

export async function createContract(ctx: AppContext, actor: Actor, input: z.output<typeof ContractBody>) {
  assertMayEditContracts(actor);
  if (!(await clientsRepo.byId(ctx.db, input.clientId))) throw notFound("client", { field: "clientId" });
  const type = input.type.toUpperCase();
  await checkType(ctx, type);
  checkDates(input.startsOn, input.endsOn);
  const now = ctx.clock().toISOString();
  const row: ContractRow = {
    id: newId(),
    client_id: input.clientId,
    type,
    starts_on: input.startsOn,
    ends_on: input.endsOn ?? null,
    monthly_fee_cents: input.monthlyFeeCents,
    included_minutes_per_month: input.includedMinutesPerMonth ?? null,
    overage_rate_cents: input.overageRateCents ?? null,
    sla_normal_minutes: input.slaNormalMinutes ?? null,
    sla_urgent_minutes: input.slaUrgentMinutes ?? null,
    notes: input.notes ?? null,
    cancelled_at: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await contractsRepo.insert(trx, row);
    await auditRepo.record(trx, {
      entity: "contract",
      entityId: row.id,
      at: now,
      actorId: actor.id,
      action: "create",
      changes: input,
    });
  });
  return toContract(stillThere(await contractsRepo.byId(ctx.db, row.id), "contract"));
}

export async function updateContract(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.output<typeof ContractPatch>,
) {
  assertMayEditContracts(actor);
  const cur = await contractsRepo.byId(ctx.db, id);
  if (!cur) throw notFound("contract");
  await checkBaseVersion(input.version, cur.version, "contract", () => toContract(cur));
  if (input.clientId && input.clientId !== cur.client_id)
    throw invalid("contract.client_fixed", {}, { field: "clientId" });
  if (input.type) await checkType(ctx, input.type.toUpperCase());
  checkDates(input.startsOn ?? cur.starts_on, input.endsOn === undefined ? cur.ends_on : input.endsOn);
  const now = ctx.clock().toISOString();
  const patch = contractPatch(input, now);
  const { version: _base, ...changes } = input;
  const written = await ctx.db.transaction().execute(async (trx) => {
    if (!(await contractsRepo.update(trx, id, cur.version, patch))) return false;
    await auditRepo.record(trx, {
      entity: "contract",
      entityId: id,
      at: now,
      actorId: actor.id,
      action: "update",
      changes,
    });
    return true;
  });
  const saved = toContract(stillThere(await contractsRepo.byId(ctx.db, id), "contract"));
  if (!written) throw staleEdit("contract", saved);
  return saved;
}

/** Only the fields the PATCH names change. */
function contractPatch(input: z.output<typeof ContractPatch>, now: string): Partial<ContractRow> {
  const patch: Partial<ContractRow> = { updated_at: now };
  if (input.type) patch.type = input.type.toUpperCase();
  if (input.startsOn) patch.starts_on = input.startsOn;
  if (input.endsOn !== undefined) patch.ends_on = input.endsOn;
  if (input.monthlyFeeCents !== undefined) patch.monthly_fee_cents = input.monthlyFeeCents;
  if (input.includedMinutesPerMonth !== undefined)
    patch.included_minutes_per_month = input.includedMinutesPerMonth;
  if (input.overageRateCents !== undefined) patch.overage_rate_cents = input.overageRateCents;
  if (input.slaNormalMinutes !== undefined) patch.sla_normal_minutes = input.slaNormalMinutes;
  if (input.slaUrgentMinutes !== undefined) patch.sla_urgent_minutes = input.slaUrgentMinutes;
  if (input.notes !== undefined) patch.notes = input.notes;
  if (input.cancelled !== undefined) patch.cancelled_at = input.cancelled ? now : null;
  return patch;
}

export async function getContract(ctx: AppContext, actor: Actor, id: string) {
  const row = await contractsRepo.byId(ctx.db, id);
  if (!row) throw notFound("contract");
  assertMayReadContract(actor, row);
  return contractFor(actor, toContract(row));
}

export async function listContracts(ctx: AppContext, actor: Actor, clientId?: string) {
  assertMayListContracts(actor, clientId);
  return (await contractsRepo.list(ctx.db, clientId)).map((c) => contractFor(actor, toContract(c)));
}

export async function listContractTypes(ctx: AppContext, actor: Actor) {
  assertMayReadContractTypes(actor);
  return (await contractsRepo.types(ctx.db)).map(toContractType);
}

export async function saveContractType(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof ContractTypeBody>,
) {
  assertMayEditContractTypes(actor);
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await contractsRepo.upsertType(trx, { code: input.code, name: input.name, active: input.active ? 1 : 0 });
    await auditRepo.record(trx, {
      entity: "contract_type",
      entityId: input.code,
      at: now,
      actorId: actor.id,
      action: "save",
      changes: input,
    });
  });
  return toContractType(stillThere(await contractsRepo.typeByCode(ctx.db, input.code), "contract_type"));
}
