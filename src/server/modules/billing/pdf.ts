/**
 * The invoice PDF (prefactura) with pdfkit and the shared blocks of platform/pdf: the firm (with its
 * logo when one is set), the client (name, RFC), folio, the lines table, subtotal, IVA, total, payment
 * terms and due date. Mesa does not stamp CFDIs: the ERP does.
 */
import { DateTime } from "luxon";
import { periodInWords } from "../../../domain/billing/periods.js";
import type { AppContext } from "../../context.js";
import {
  contentWidth,
  ensureRoom,
  type Firm,
  firmHeader,
  type Pdf,
  printable,
  renderPdf,
  table,
} from "../../platform/pdf/index.js";
import { firmContact } from "../mail/settings.js";
import { companyLogo } from "../settings/company.js";
import { businessCalendar } from "../settings/settings.js";
import type { InvoiceRow } from "./repository.js";
import { storedLines } from "./stored-lines.js";

const STATUS_ES = {
  draft: "BORRADOR",
  issued: "EMITIDA",
  exported: "EXPORTADA",
  paid: "PAGADA",
  cancelled: "CANCELADA",
};

const pesos = (cents: number) =>
  `$${(cents / 100).toLocaleString("es-MX", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const qty = (q: number) => q.toLocaleString("es-MX", { maximumFractionDigits: 4 });
/** A calendar day as Mexico writes it (2026-12-03 → 03/12/2026), as the app shows days. */
export const dayMx = (isoDay: string) => DateTime.fromISO(isoDay).toFormat("dd/LL/yyyy");
/** A day for a reader of `lang`: dd/mm/yyyy in Spanish; in English with the month's name (04/12 is ambiguous there). */
export const dayIn = (lang: "es" | "en", isoDay: string) =>
  lang === "es" ? dayMx(isoDay) : DateTime.fromISO(isoDay, { locale: "en-US" }).toFormat("LLL d, yyyy");
export const termsText = (inv: Pick<InvoiceRow, "payment_terms" | "credit_days">) =>
  inv.payment_terms === "cash" ? "Contado" : `Crédito a ${inv.credit_days ?? 0} días`;

/** The invoice as a PDF, read through `ctx.db` (the caller's transaction when it is in one). */
export async function invoicePdfOf(ctx: AppContext, inv: InvoiceRow): Promise<Buffer> {
  const [contact, calendar, logo] = await Promise.all([
    firmContact(ctx),
    businessCalendar(ctx),
    companyLogo(ctx),
  ]);
  // The logo is drawn by firmHeader at the top right, as on service orders; an unreadable upload is left out.
  const firm: Firm = { ...contact, logo };
  const at = inv.issued_at ?? inv.created_at;
  const issuedOn = DateTime.fromISO(at).setZone(calendar.config.timeZone).toISODate() ?? at.slice(0, 10);
  return invoicePdf(inv, firm, issuedOn);
}

export function invoicePdf(inv: InvoiceRow, firm: Firm, issuedOn: string): Promise<Buffer> {
  return renderPdf({ title: `Prefactura ${inv.folio}`, lang: "es" }, (doc) => {
    firmHeader(doc, firm, `Prefactura ${inv.folio}`, `${STATUS_ES[inv.status]} · Fecha: ${dayMx(issuedOn)}`);
    client(doc, inv);
    table(
      doc,
      [
        { header: "Cantidad", width: 0.12, align: "right" },
        { header: "Concepto", width: 0.52 },
        { header: "P. unitario", width: 0.18, align: "right" },
        { header: "Importe", width: 0.18, align: "right" },
      ],
      storedLines(inv.lines).map((l) => [
        qty(l.quantity),
        l.description,
        pesos(l.unitPriceCents),
        pesos(l.amountCents),
      ]),
    );
    totals(doc, inv);
  });
}

function client(doc: Pdf, inv: InvoiceRow) {
  const left = doc.page.margins.left;
  doc.moveDown(0.5).font("Helvetica-Bold").fontSize(10);
  doc.text(`Cliente: ${printable(inv.client_name, true)}`, left, doc.y, { width: contentWidth(doc) });
  doc.font("Helvetica").text(`RFC: ${inv.client_rfc ?? "—"}`);
  const about = inv.period
    ? `Periodo: ${periodInWords(inv.period)}`
    : `Orden de servicio: ${inv.ticket_folio ?? "—"}`;
  doc.text(inv.erp_folio ? `${about}    Folio ERP: ${printable(inv.erp_folio, true)}` : about);
  doc.moveDown(0.8);
}

function totals(doc: Pdf, inv: InvoiceRow) {
  ensureRoom(doc, 110);
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const row = (label: string, cents: number, bold = false) => {
    const y = doc.y;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(bold ? 11 : 10);
    doc.text(label, left + width - 300, y, { width: 200, align: "right" });
    doc.text(pesos(cents), left + width - 95, y, { width: 95, align: "right" });
    doc.y = y + (bold ? 16 : 14);
  };
  row("Subtotal", Number(inv.subtotal_cents));
  row(`IVA ${(inv.tax_basis_points / 100).toFixed(2)} %`, Number(inv.tax_cents));
  row("Total MXN", Number(inv.total_cents), true);
  doc
    .font("Helvetica")
    .fontSize(10)
    .text(`Condiciones de pago: ${termsText(inv)}`, left, doc.y + 12);
  doc.text(`Fecha de vencimiento: ${dayMx(inv.due_on)}`);
  doc.moveDown(1.5).fontSize(8).fillColor("#555555");
  doc.text("Documento sin validez fiscal: el CFDI lo timbra el ERP de la empresa.", { width });
  doc.fillColor("black");
}
