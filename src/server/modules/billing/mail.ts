/** The issued invoice mailed to the client's billing contact through the outbox (same transaction). */
import type { Transaction } from "kysely";
import type { AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import { queueMail } from "../mail/outbox.js";
import { languageOf, mailSettings } from "../mail/settings.js";
import { type MailLang, render } from "../mail/templates.js";
import { dayIn, invoicePdfOf } from "./pdf.js";
import type { InvoiceRow } from "./repository.js";
import { storedLines } from "./stored-lines.js";

export const pesos = (cents: number) =>
  `$${(cents / 100).toLocaleString("es-MX", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} MXN`;

const termsIn = (lang: MailLang, row: Pick<InvoiceRow, "payment_terms" | "credit_days">) => {
  const days = row.credit_days ?? 0;
  if (lang === "en") return row.payment_terms === "cash" ? "cash" : `${days}-day credit`;
  return row.payment_terms === "cash" ? "contado" : `crédito a ${days} días`;
};

/**
 * Queued to `to` (the client's billing address, lookupRepo.billingAddress, which the issue also
 * records as the invoice's mailed_to) with the PDF attached; sent when mail is configured (MESA_SMTP_URL).
 */
export async function queueInvoiceMail(
  base: AppContext,
  trx: Transaction<DB>,
  row: InvoiceRow & { due_on: string },
  to: string,
) {
  const ctx: AppContext = { ...base, db: trx };
  const lines = storedLines(row.lines)
    .map((l) => `  ${l.quantity} × ${l.description}: ${pesos(l.amountCents)}`)
    .join("\n");
  // The firm's profile name, as its orders and PDFs are signed (mailSettings). The text in the language
  // of the address's portal user (Spanish without one); the PDF, a Mexican fiscal document, in Spanish.
  const [{ companyName }, lang] = await Promise.all([mailSettings(ctx), languageOf(ctx, to)]);
  const mail = render(ctx.config.dataDir, "invoice", lang, {
    folio: row.folio,
    company: companyName,
    client: row.client_name,
    period: row.period ? ` (${row.period})` : "",
    lines,
    subtotal: pesos(Number(row.subtotal_cents)),
    tax: pesos(Number(row.tax_cents)),
    total: pesos(Number(row.total_cents)),
    terms: termsIn(lang, row),
    dueOn: dayIn(lang, row.due_on),
  });
  await queueMail(ctx, trx, {
    kind: "message",
    ticketId: row.ticket_id,
    to,
    ...mail,
    autoSubmitted: "auto-generated",
    attachments: [
      { filename: `${row.folio}.pdf`, contentType: "application/pdf", content: await invoicePdfOf(ctx, row) },
    ],
  });
}
