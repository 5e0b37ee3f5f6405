import { type BusinessCalendar, localDateOf } from "../../../domain/calendar/index.js";
import type { AppContext } from "../../context.js";
import { contractsRepo } from "../clients/repository.js";

/**
 * "The contract in force" is decided on the local date in the calendar's zone, never the UTC date: at
 * 18:30 in Mexico City it is already tomorrow in UTC. Intake, edits and the caller lookup all ask here.
 */
export async function contractInForce(
  ctx: AppContext,
  cal: BusinessCalendar,
  clientId: string,
  atMs: number,
) {
  const list = await contractsRepo.activeOn(ctx.db, clientId, localDateOf(cal, atMs));
  return list[0] ?? null;
}

/** Which of these clients have a contract in force at that instant: one statement for any number of clients. */
export async function clientsWithContractInForce(
  ctx: AppContext,
  cal: BusinessCalendar,
  clientIds: string[],
  atMs: number,
): Promise<Set<string>> {
  if (clientIds.length === 0) return new Set();
  return new Set(await contractsRepo.clientsActiveOn(ctx.db, clientIds, localDateOf(cal, atMs)));
}
