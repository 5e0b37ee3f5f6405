import { ContractAnswer } from "../../../contract/client-facing.js";
import {
  Contract,
  ContractBody,
  ContractListQuery,
  ContractPatch,
  ContractType,
  ContractTypeBody,
  ContractTypeCoverageBody,
  ContractTypeParams,
} from "../../../contract/clients.js";
import { IdParams, ItemsOf } from "../../../contract/common.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import { withBaseVersion } from "../../platform/http/versioning.js";
import * as contracts from "./contracts.js";
import { setContractTypeCoverage } from "./type-coverage.js";
/** Contracts (pólizas) and the contract types they are made from. */
export const contractRoutes = featureRoutes({
  "/contract-types": contractTypesGroup,
  "/contracts": contractsGroup,
});

function contractTypesGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: { tags: ["contracts"], response: { 200: ItemsOf(ContractType) } },
    handler: async (req) => ({ items: await contracts.listContractTypes(ctx, actorOf(req)) }),
  });
  r.post("", {
    schema: { tags: ["contracts"], body: ContractTypeBody, response: { 201: ContractType } },
    handler: async (req, reply) =>
      reply.status(201).send(await contracts.saveContractType(ctx, actorOf(req), req.body)),
  });
  r.put("/:code/coverage", {
    schema: {
      tags: ["contracts"],
      params: ContractTypeParams,
      body: ContractTypeCoverageBody,
      response: { 200: ContractType },
    },
    handler: async (req) =>
      setContractTypeCoverage(ctx, actorOf(req), req.params.code, withBaseVersion(req, req.body)),
  });
}

function contractsGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: {
      tags: ["contracts"],
      querystring: ContractListQuery,
      response: { 200: ItemsOf(ContractAnswer) },
    },
    handler: async (req) => ({ items: await contracts.listContracts(ctx, actorOf(req), req.query.clientId) }),
  });
  r.post("", {
    schema: { tags: ["contracts"], body: ContractBody, response: { 201: Contract } },
    handler: async (req, reply) =>
      reply.status(201).send(await contracts.createContract(ctx, actorOf(req), req.body)),
  });
  r.get("/:id", {
    schema: { tags: ["contracts"], params: IdParams, response: { 200: ContractAnswer } },
    handler: async (req) => contracts.getContract(ctx, actorOf(req), req.params.id),
  });
  r.patch("/:id", {
    schema: { tags: ["contracts"], params: IdParams, body: ContractPatch, response: { 200: Contract } },
    handler: async (req) =>
      contracts.updateContract(ctx, actorOf(req), req.params.id, withBaseVersion(req, req.body)),
  });
}
