import { type BusinessCalendar, localDateOf } from "../../../domain/calendar/index.js";
import {
  type Coverage,
  coverageFromStored,
  coveringContract,
  coversCategory,
} from "../../../domain/contract-coverage.js";
import type { AppContext } from "../../context.js";
import { type ContractRow, contractsRepo } from "../clients/repository.js";

/** A contract in force with the categories its type covers. */
export type CoveredContract = ContractRow & { coverage: Coverage };

/**
 * "The contract in force" is decided on the local date in the calendar's zone, never the UTC date: at
 * 18:30 in Mexico City it is already tomorrow in UTC. Intake, edits and the caller lookup all ask here.
 * The client's contracts in force on that date, the preferred (latest start) first, with their coverage.
 */
export async function contractsInForce(
  ctx: AppContext,
  cal: BusinessCalendar,
  clientId: string,
  atMs: number,
): Promise<CoveredContract[]> {
  return contractsInForceOn(ctx, clientId, localDateOf(cal, atMs));
}

async function contractsInForceOn(ctx: AppContext, clientId: string, localDate: string) {
  const rows = await contractsRepo.activeOn(ctx.db, clientId, localDate);
  return rows.map(({ covered_categories, ...row }) => ({
    ...row,
    coverage: coverageFromStored(covered_categories),
  }));
}

/**
 * The contract of a request of this category (null: not classified yet) received at that instant: the
 * preferred contract in force whose type covers the category; null when none does (an event).
 */
export async function contractInForce(
  ctx: AppContext,
  cal: BusinessCalendar,
  clientId: string,
  atMs: number,
  category: string | null,
): Promise<CoveredContract | null> {
  return coveringContract(await contractsInForce(ctx, cal, clientId, atMs), category);
}

/** What a ticket create's read (intake-repository.ts) holds of the client's preferred contract in force. */
export interface PreferredContractRead {
  contract_id: string | null;
  sla_normal_minutes: number | null;
  sla_urgent_minutes: number | null;
  contract_covered_categories: string | null;
}

/**
 * A create's contract from what its one read found: the preferred contract in force when it covers the
 * category (nearly always: «todas» is the default), else whichever other contract in force covers it.
 * Only that rarer case reads the client's contracts again, so the usual create stays one statement.
 * `uncoveredBy`: when the client has pólizas in force and none covers the category, their types (the
 * ticket's history says why a client with a póliza was filed per event).
 */
export async function contractCoveringCreate(
  ctx: AppContext,
  read: PreferredContractRead,
  clientId: string,
  localDate: string,
  category: string | null,
) {
  if (read.contract_id === null) return { contract: null, uncoveredBy: [] };
  const preferred = {
    id: read.contract_id,
    sla_normal_minutes: read.sla_normal_minutes,
    sla_urgent_minutes: read.sla_urgent_minutes,
  };
  if (coversCategory(coverageFromStored(read.contract_covered_categories), category))
    return { contract: preferred, uncoveredBy: [] };
  const inForce = await contractsInForceOn(ctx, clientId, localDate);
  const contract = coveringContract(inForce, category);
  return { contract, uncoveredBy: contract ? [] : [...new Set(inForce.map((c) => c.type))] };
}

/**
 * The types of the contracts in force of these clients at that instant (e.g. SH), by client, in one
 * statement for any number of clients: a client without any is absent.
 */
export async function contractTypesInForce(
  ctx: AppContext,
  cal: BusinessCalendar,
  clientIds: string[],
  atMs: number,
): Promise<Map<string, string[]>> {
  const byClient = new Map<string, string[]>();
  if (clientIds.length === 0) return byClient;
  const rows = await contractsRepo.typesActiveOn(ctx.db, clientIds, localDateOf(cal, atMs));
  for (const r of rows) byClient.set(r.client_id, [...(byClient.get(r.client_id) ?? []), r.type]);
  return byClient;
}
