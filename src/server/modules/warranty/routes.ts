import { IdParams } from "../../../contract/common.js";
import {
  LendBody,
  Loan,
  Loaner,
  LoanerBody,
  LoanerList,
  LoanerPatch,
  LoanList,
  ReturnBody,
  TicketWarranty,
  WarrantyCase,
  WarrantyCaseBody,
  WarrantyCasePatch,
  WarrantySettingsBody,
  WarrantySettingsRecord,
} from "../../../contract/warranty.js";
import { type AppContext, forRequest } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import { withBaseVersion } from "../../platform/http/versioning.js";
import { assertMayReadSettings } from "../settings/policy.js";
import * as cases from "./cases.js";
import * as loaners from "./loaners.js";
import { saveWarrantySettings, warrantySettingsRecord } from "./settings.js";

const tags = ["warranty"];

/** Warranty cases on tickets, the loaner inventory and loans, and the execution fee. */
export const warrantyRoutes = featureRoutes({
  "/tickets/:id": ticketGroup,
  "/loaners": loanersGroup,
  "/loans": loansGroup,
  "/settings/warranty": settingsGroup,
});

function ticketGroup(r: Routes, ctx: AppContext): void {
  r.get("/warranty", {
    schema: { tags, params: IdParams, response: { 200: TicketWarranty } },
    handler: async (req) => cases.ticketWarranty(forRequest(ctx, req), actorOf(req), req.params.id),
  });
  r.post("/warranty", {
    schema: { tags, params: IdParams, body: WarrantyCaseBody, response: { 201: WarrantyCase } },
    handler: async (req, reply) =>
      reply.status(201).send(await cases.openWarrantyCase(ctx, actorOf(req), req.params.id, req.body)),
  });
  r.patch("/warranty", {
    schema: { tags, params: IdParams, body: WarrantyCasePatch, response: { 200: WarrantyCase } },
    handler: async (req) =>
      cases.editWarrantyCase(ctx, actorOf(req), req.params.id, withBaseVersion(req, req.body)),
  });
  r.get("/loans", {
    schema: { tags, params: IdParams, response: { 200: LoanList } },
    handler: async (req) => ({ items: await loaners.loansOfTicket(ctx, actorOf(req), req.params.id) }),
  });
}

function loanersGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: { tags, response: { 200: LoanerList } },
    handler: async (req) => ({ items: await loaners.listLoaners(ctx, actorOf(req)) }),
  });
  r.post("", {
    schema: { tags, body: LoanerBody, response: { 201: Loaner } },
    handler: async (req, reply) =>
      reply.status(201).send(await loaners.addLoaner(ctx, actorOf(req), req.body)),
  });
  r.patch("/:id", {
    schema: { tags, params: IdParams, body: LoanerPatch, response: { 200: Loaner } },
    handler: async (req) =>
      loaners.editLoaner(ctx, actorOf(req), req.params.id, withBaseVersion(req, req.body)),
  });
  r.post("/:id/lend", {
    schema: { tags, params: IdParams, body: LendBody, response: { 201: Loan } },
    handler: async (req, reply) =>
      reply.status(201).send(await loaners.lendLoaner(ctx, actorOf(req), req.params.id, req.body)),
  });
  r.post("/:id/return", {
    schema: { tags, params: IdParams, body: ReturnBody, response: { 200: Loan } },
    handler: async (req) => loaners.returnLoaner(ctx, actorOf(req), req.params.id, req.body),
  });
}

function loansGroup(r: Routes, ctx: AppContext): void {
  r.get("/overdue", {
    schema: { tags, response: { 200: LoanList } },
    handler: async (req) => ({ items: await loaners.overdueLoans(ctx, actorOf(req)) }),
  });
}

function settingsGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: { tags: ["settings"], response: { 200: WarrantySettingsRecord } },
    handler: async (req) => {
      assertMayReadSettings(actorOf(req));
      return warrantySettingsRecord(ctx);
    },
  });
  r.put("", {
    schema: { tags: ["settings"], body: WarrantySettingsBody, response: { 200: WarrantySettingsRecord } },
    handler: async (req) => saveWarrantySettings(ctx, actorOf(req), withBaseVersion(req, req.body)),
  });
}
