import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id } from "../../../contract/common.js";
import {
  LendBody,
  Loan,
  Loaner,
  LoanerBody,
  LoanerPatch,
  ReturnBody,
  TicketWarranty,
  WarrantyCase,
  WarrantyCaseBody,
  WarrantyCasePatch,
  WarrantySettingsBody,
  WarrantySettingsRecord,
} from "../../../contract/warranty.js";
import { type AppContext, forRequest } from "../../context.js";
import { requireStaff } from "../../platform/authz.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { withBaseVersion } from "../../platform/http/versioning.js";
import * as cases from "./cases.js";
import * as loaners from "./loaners.js";
import { saveWarrantySettings, warrantySettingsRecord } from "./settings.js";

const IdParams = z.object({ id: Id });
const items = <T extends z.ZodType>(s: T) => z.object({ items: z.array(s) });

/** Warranty cases on tickets, the loaner inventory and loans, and the execution fee; under `/api`. */
export async function warrantyRoutes(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["warranty"];
  r.get("/tickets/:id/warranty", {
    schema: { tags, params: IdParams, response: { 200: TicketWarranty } },
    handler: async (req) => cases.ticketWarranty(forRequest(ctx), actorOf(req), req.params.id),
  });
  r.post("/tickets/:id/warranty", {
    schema: { tags, params: IdParams, body: WarrantyCaseBody, response: { 201: WarrantyCase } },
    handler: async (req, reply) =>
      reply.status(201).send(await cases.openWarrantyCase(ctx, actorOf(req), req.params.id, req.body)),
  });
  r.patch("/tickets/:id/warranty", {
    schema: { tags, params: IdParams, body: WarrantyCasePatch, response: { 200: WarrantyCase } },
    handler: async (req) =>
      cases.editWarrantyCase(ctx, actorOf(req), req.params.id, withBaseVersion(req, req.body)),
  });
  r.get("/tickets/:id/loans", {
    schema: { tags, params: IdParams, response: { 200: items(Loan) } },
    handler: async (req) => ({ items: await loaners.loansOfTicket(ctx, actorOf(req), req.params.id) }),
  });

  r.get("/loaners", {
    schema: { tags, response: { 200: items(Loaner) } },
    handler: async (req) => ({ items: await loaners.listLoaners(ctx, actorOf(req)) }),
  });
  r.post("/loaners", {
    schema: { tags, body: LoanerBody, response: { 201: Loaner } },
    handler: async (req, reply) =>
      reply.status(201).send(await loaners.addLoaner(ctx, actorOf(req), req.body)),
  });
  r.patch("/loaners/:id", {
    schema: { tags, params: IdParams, body: LoanerPatch, response: { 200: Loaner } },
    handler: async (req) =>
      loaners.editLoaner(ctx, actorOf(req), req.params.id, withBaseVersion(req, req.body)),
  });
  r.post("/loaners/:id/lend", {
    schema: { tags, params: IdParams, body: LendBody, response: { 201: Loan } },
    handler: async (req, reply) =>
      reply.status(201).send(await loaners.lendLoaner(ctx, actorOf(req), req.params.id, req.body)),
  });
  r.post("/loaners/:id/return", {
    schema: { tags, params: IdParams, body: ReturnBody, response: { 200: Loan } },
    handler: async (req) => loaners.returnLoaner(ctx, actorOf(req), req.params.id, req.body),
  });
  r.get("/loans/overdue", {
    schema: { tags, response: { 200: items(Loan) } },
    handler: async (req) => ({ items: await loaners.overdueLoans(ctx, actorOf(req)) }),
  });

  r.get("/settings/warranty", {
    schema: { tags: ["settings"], response: { 200: WarrantySettingsRecord } },
    handler: async (req) => {
      requireStaff(actorOf(req));
      return warrantySettingsRecord(ctx);
    },
  });
  r.put("/settings/warranty", {
    schema: { tags: ["settings"], body: WarrantySettingsBody, response: { 200: WarrantySettingsRecord } },
    handler: async (req) => saveWarrantySettings(ctx, actorOf(req), withBaseVersion(req, req.body)),
  });
}
