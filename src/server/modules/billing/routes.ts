/** Billing HTTP routes (issue #14): the price list, a ticket's rate and invoice, runs, settings, invoices. */
import {
  BillingSettingsBody,
  BillingSettingsRecord,
  CancelBody,
  ExportBody,
  HourBank,
  HourBankQuery,
  ImportBody,
  ImportResult,
  Invoice,
  InvoiceDetail,
  InvoiceList,
  InvoicePatch,
  InvoicesQuery,
  IssueBody,
  PaidBody,
  Rate,
  RateBody,
  RateList,
  RatePatch,
  RunBody,
  RunResult,
  TicketRate,
  TicketRateBody,
} from "../../../contract/billing.js";
import { IdParams, NoContent } from "../../../contract/common.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import { withBaseVersion } from "../../platform/http/versioning.js";
import { importErp } from "./erp.js";
import { exportInvoices } from "./erp-export.js";
import { invoiceTicket } from "./event.js";
import { contractHourBank } from "./hour-bank.js";
import * as invoices from "./invoices.js";
import { toInvoice } from "./make.js";
import { invoicePdfOf } from "./pdf.js";
import { requireBiller } from "./policy.js";
import * as rates from "./rates.js";
import { invoicesRepo } from "./repository.js";
import { runPeriod } from "./run.js";
import { billingSettingsRecord, saveBillingSettings } from "./settings.js";
import { overrideTicketRate, ticketRateView } from "./ticket-rate.js";

const tags = ["billing"];

export const billingRoutes = featureRoutes({
  "/rates": ratesGroup,
  "/tickets/:id": ticketGroup,
  "/contracts/:id": contractGroup,
  "/billing": billingGroup,
  "/invoices": invoicesGroup,
});

/** 5,000,000 characters as JSON: two bytes each leaves room for accents and escaped quotes. */
const ERP_IMPORT_BODY_LIMIT = 10 * 1024 * 1024 + 1024;

function ratesGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: { tags, response: { 200: RateList } },
    handler: async (req) => ({ items: await rates.listRates(ctx, actorOf(req)) }),
  });
  r.post("", {
    schema: { tags, body: RateBody, response: { 201: Rate } },
    handler: async (req, reply) =>
      reply.status(201).send(await rates.createRate(ctx, actorOf(req), req.body)),
  });
  r.patch("/:id", {
    schema: { tags, params: IdParams, body: RatePatch, response: { 200: Rate } },
    handler: async (req) =>
      rates.updateRate(ctx, actorOf(req), req.params.id, withBaseVersion(req, req.body)),
  });
  r.delete("/:id", {
    schema: { tags, params: IdParams, response: { 204: NoContent } },
    handler: async (req, reply) => {
      await rates.deleteRate(ctx, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}

function ticketGroup(r: Routes, ctx: AppContext): void {
  r.get("/rate", {
    schema: { tags, params: IdParams, response: { 200: TicketRate } },
    handler: async (req) => ticketRateView(ctx, actorOf(req), req.params.id),
  });
  r.put("/rate", {
    schema: { tags, params: IdParams, body: TicketRateBody, response: { 200: TicketRate } },
    handler: async (req) => overrideTicketRate(ctx, actorOf(req), req.params.id, req.body),
  });
  r.post("/invoice", {
    schema: { tags, params: IdParams, response: { 201: Invoice } },
    handler: async (req, reply) =>
      reply.status(201).send(await invoiceTicket(ctx, actorOf(req), req.params.id)),
  });
}

function contractGroup(r: Routes, ctx: AppContext): void {
  r.get("/hour-bank", {
    schema: { tags, params: IdParams, querystring: HourBankQuery, response: { 200: HourBank } },
    handler: async (req) => contractHourBank(ctx, actorOf(req), req.params.id, req.query.month),
  });
}

function billingGroup(r: Routes, ctx: AppContext): void {
  r.post("/runs", {
    schema: { tags, body: RunBody, response: { 200: RunResult } },
    handler: async (req) => {
      const actor = actorOf(req);
      requireBiller(actor);
      const out = await runPeriod(ctx, req.body.period, actor.id);
      const made = await invoicesRepo.ofPeriodRuns(ctx.db, out.period);
      return { ...out, items: made.map((r) => toInvoice(r, actor.locale)) };
    },
  });
  r.get("/settings", {
    schema: { tags, response: { 200: BillingSettingsRecord } },
    handler: async (req) => {
      requireBiller(actorOf(req));
      return billingSettingsRecord(ctx);
    },
  });
  r.put("/settings", {
    schema: { tags, body: BillingSettingsBody, response: { 200: BillingSettingsRecord } },
    handler: async (req) => saveBillingSettings(ctx, actorOf(req), withBaseVersion(req, req.body)),
  });
  r.post("/exports", {
    // The answer is a file, not JSON to replay; exporting again re-downloads without changing anything.
    config: { idempotent: false },
    schema: { tags, body: ExportBody },
    handler: async (req, reply) => {
      const out = await exportInvoices(ctx, actorOf(req), req.body.format, req.body.invoiceIds);
      return reply
        .header("Content-Type", out.contentType)
        .header("Content-Disposition", `attachment; filename="${out.filename}"`)
        .send(out.body);
    },
  });
  r.post("/erp-import", {
    // The CSV may be as long as ImportBody says (5,000,000 characters): more than the server's 1 MB.
    bodyLimit: ERP_IMPORT_BODY_LIMIT,
    schema: { tags, body: ImportBody, response: { 200: ImportResult } },
    handler: async (req) => importErp(ctx, actorOf(req), req.body.csv),
  });
}

function invoicesGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: { tags, querystring: InvoicesQuery, response: { 200: InvoiceList } },
    handler: async (req) => ({ items: await invoices.listInvoices(ctx, actorOf(req), req.query) }),
  });
  r.get("/:id", {
    schema: { tags, params: IdParams, response: { 200: InvoiceDetail } },
    handler: async (req) => invoices.getInvoice(ctx, actorOf(req), req.params.id),
  });
  r.patch("/:id", {
    schema: { tags, params: IdParams, body: InvoicePatch, response: { 200: Invoice } },
    handler: async (req) =>
      invoices.editDraft(ctx, actorOf(req), req.params.id, withBaseVersion(req, req.body)),
  });
  r.post("/:id/issue", {
    schema: { tags, params: IdParams, body: IssueBody, response: { 200: Invoice } },
    handler: async (req) =>
      invoices.issueInvoice(ctx, actorOf(req), req.params.id, withBaseVersion(req, req.body ?? {}).version),
  });
  r.post("/:id/cancel", {
    schema: { tags, params: IdParams, body: CancelBody, response: { 200: Invoice } },
    handler: async (req) => invoices.cancelInvoice(ctx, actorOf(req), req.params.id, req.body.reason),
  });
  r.post("/:id/paid", {
    schema: { tags, params: IdParams, body: PaidBody.optional(), response: { 200: Invoice } },
    handler: async (req) => invoices.markPaid(ctx, actorOf(req), req.params.id, req.body?.paidOn),
  });
  r.get("/:id/pdf", {
    schema: { tags, params: IdParams },
    handler: async (req, reply) => {
      const row = await invoices.invoiceRow(ctx, actorOf(req), req.params.id);
      return reply
        .header("Content-Type", "application/pdf")
        .header("Content-Disposition", `inline; filename="${row.folio}.pdf"`)
        .send(await invoicePdfOf(ctx, row));
    },
  });
}
