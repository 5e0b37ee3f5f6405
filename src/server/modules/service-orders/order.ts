import type { ServiceOrder } from "../../../contract/service-orders.js";
import type { AttentionMode } from "../../../contract/tickets.js";
import type { AppContext } from "../../context.js";
import { firmContact } from "../mail/settings.js";
import { companyLogo } from "../settings/company.js";
import { calendarConfig } from "../settings/settings.js";
import { ticketsRepo } from "../tickets/repository.js";
import { type OrderLang, serviceOrderPdf } from "./pdf.js";
import { type DecisionRow, serviceOrdersRepo } from "./repository.js";

const MODES: AttentionMode[] = ["onsite", "office", "remote", "phone"];

export function decisionView(d: DecisionRow | undefined): ServiceOrder["decision"] {
  if (!d) return null;
  return {
    decision: d.decision === "rejected" ? "rejected" : "accepted",
    method: d.method === "link" || d.method === "portal" ? d.method : "onsite",
    signerName: d.signer_name,
    reason: d.reason,
    at: d.at,
  };
}

/**
 * The decision on the order as it stands: one made before the ticket was last attended was about an
 * earlier order (sent back or rejected, worked on and attended again), not this one; an acceptance the
 * ticket no longer holds was voided by a change to the work (work/ticket-work.ts touchWork).
 */
const current = (d: DecisionRow | undefined, attendedAt: string | null, stillAccepted: boolean) =>
  d && (!attendedAt || d.at >= attendedAt) && (d.decision !== "accepted" || stillAccepted) ? d : undefined;

/** Everything a service order shows, read through `ctx.db` (a transaction when the caller is in one). */
export async function loadServiceOrder(ctx: AppContext, ticketId: string): Promise<ServiceOrder | null> {
  const row = await ticketsRepo.view(ctx.db, ticketId);
  if (!row) return null;
  const [company, entries, charges, last, attendedAt] = await Promise.all([
    firmContact(ctx),
    serviceOrdersRepo.activities(ctx.db, ticketId),
    serviceOrdersRepo.charges(ctx.db, ticketId),
    serviceOrdersRepo.lastDecision(ctx.db, ticketId),
    serviceOrdersRepo.lastAttendedAt(ctx.db, ticketId),
  ]);
  const byMode = MODES.map((mode) => ({
    mode,
    minutes: entries.filter((e) => e.mode === mode).reduce((sum, e) => sum + e.minutes, 0),
  })).filter((m) => m.minutes > 0);
  return {
    ticketId: row.id,
    folio: row.folio,
    title: row.title,
    status: row.status,
    clientName: row.client_name,
    contactName: row.contact_name,
    company,
    activities: entries.map((e) => ({
      at: e.started_at ?? e.created_at,
      mode: e.mode,
      minutes: e.minutes,
      activity: e.activity,
    })),
    minutesByMode: byMode,
    totalMinutes: entries.reduce((sum, e) => sum + e.minutes, 0),
    charges: charges.map((c) => ({
      kind: c.kind,
      description: c.description,
      quantity: c.quantity,
      unitPriceCents: c.unit_price_cents,
      amountCents: c.amount_cents,
    })),
    chargesTotalCents: charges.reduce((sum, c) => sum + c.amount_cents, 0),
    decision: decisionView(current(last, attendedAt, row.accepted_at !== null)),
  };
}

/** The order's PDF in the firm's time zone, with its logo when one is set. */
export async function orderPdf(ctx: AppContext, order: ServiceOrder, lang: OrderLang): Promise<Buffer> {
  const [cfg, logo] = await Promise.all([calendarConfig(ctx), companyLogo(ctx)]);
  return serviceOrderPdf(order, cfg.timeZone, lang, { logo });
}
