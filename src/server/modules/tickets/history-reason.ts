/**
 * A history reason is what a person typed, kept as typed, or a catalogue code Mesa itself wrote
 * (billing moving a ticket with its invoice), worded when read in the reader's language.
 */
import { render, type ServerLocale } from "../../platform/i18n/index.js";

const INVOICE_REASONS = ["billing.history.invoice_issued", "billing.history.invoice_cancelled"] as const;
export type InvoiceHistoryReason = (typeof INVOICE_REASONS)[number];

function isInvoiceReason(stored: string): stored is InvoiceHistoryReason {
  return (INVOICE_REASONS as readonly string[]).includes(stored);
}

export function historyReason(
  stored: string | null,
  changes: Record<string, unknown> | null,
  locale: ServerLocale,
): string | null {
  if (stored === null || !isInvoiceReason(stored)) return stored;
  const folio = typeof changes?.invoiceFolio === "string" ? changes.invoiceFolio : "";
  return render(locale, stored, { folio });
}
