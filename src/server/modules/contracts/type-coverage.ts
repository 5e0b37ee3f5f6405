/**
 * Contract types as the API shows them, and the categories each covers (which requests a póliza of
 * that type makes `contract`, src/domain/contract-coverage.ts). Only admins set coverage.
 */
import type { z } from "zod";
import type { ContractType, ContractTypeCoverageBody } from "../../../contract/clients.js";
import { type Coverage, coverageFromStored, coverageToStored } from "../../../domain/contract-coverage.js";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import { invalid, notFound } from "../../platform/errors.js";
import { checkBaseVersion, staleEdit } from "../../platform/http/versions.js";
import { contractsRepo } from "../clients/repository.js";
import { categoriesRepo } from "../settings/repository.js";
import { assertMayEditContractTypes } from "./policy.js";

type ContractTypeRow = NonNullable<Awaited<ReturnType<typeof contractsRepo.typeByCode>>>;

const answerCoverage = (c: Coverage): ContractType["coverage"] => (c === "all" ? c : [...c]);

export const toContractType = (t: ContractTypeRow): ContractType => ({
  code: t.code,
  name: t.name,
  active: t.active === 1,
  coverage: answerCoverage(coverageFromStored(t.covered_categories)),
  version: t.version,
});

/** Refuses codes that name no category (a switched-off one still counts: its tickets keep it). */
async function checkCategoriesExist(ctx: AppContext, codes: readonly string[]): Promise<void> {
  const known = new Set((await categoriesRepo.list(ctx.db)).map((c) => c.code));
  const unknown = [...new Set(codes.filter((c) => !known.has(c)))];
  if (unknown.length > 0)
    throw invalid(
      "contract_type.unknown_categories",
      { count: unknown.length, codes: unknown.join(", ") },
      { field: "coverage", codes: unknown },
    );
}

async function typeOrNotFound(ctx: AppContext, code: string): Promise<ContractTypeRow> {
  const row = await contractsRepo.typeByCode(ctx.db, code);
  if (!row) throw notFound("contract_type", { field: "code" });
  return row;
}

/** Sets which categories a type covers: «todas» or a list of existing category codes. */
export async function setContractTypeCoverage(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: z.output<typeof ContractTypeCoverageBody>,
): Promise<ContractType> {
  assertMayEditContractTypes(actor);
  const cur = await typeOrNotFound(ctx, code);
  await checkBaseVersion(input.version, cur.version, "contract_type", () => toContractType(cur));
  if (input.coverage !== "all") await checkCategoriesExist(ctx, input.coverage);
  const stored = coverageToStored(input.coverage);
  const now = ctx.clock().toISOString();
  const written = await ctx.db.transaction().execute(async (trx) => {
    if (!(await contractsRepo.setTypeCoverage(trx, code, cur.version, stored))) return false;
    await auditRepo.record(trx, {
      entity: "contract_type",
      entityId: code,
      at: now,
      actorId: actor.id,
      action: "coverage",
      changes: { coverage: coverageFromStored(stored) },
    });
    return true;
  });
  const saved = toContractType(await typeOrNotFound(ctx, code));
  if (!written) throw staleEdit("contract_type", saved);
  return saved;
}
