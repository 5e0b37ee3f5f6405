/**
 * The invoice PDF (prefactura) with pdfkit: the firm, the client (name, RFC), folio, the lines table,
 * subtotal, IVA, total, payment terms and due date. Mesa does not stamp CFDIs: the ERP does.
 */
import { DateTime } from "luxon";
import type { Line } from "../../../domain/billing/money.js";
import type { AppContext } from "../../context.js";
import { COMPANY_SETTING } from "../clients/company.js";
import { mailSettings } from "../mail/settings.js";
import { businessCalendar } from "../settings/settings.js";
import { readSetting } from "../settings/stored-settings.js";
import { contentWidth, ensureRoom, type Pdf, printable, renderPdf } from "./pdf-doc.js";
import type { InvoiceRow } from "./repository.js";

export interface InvoiceFirm {
  name: string;
  rfc: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
}

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
export const termsText = (inv: Pick<InvoiceRow, "payment_terms" | "credit_days">) =>
  inv.payment_terms === "cash" ? "Contado" : `Crédito a ${inv.credit_days ?? 0} días`;

/** The invoice as a PDF, read through `ctx.db` (the caller's transaction when it is in one). */
export async function invoicePdfOf(ctx: AppContext, inv: InvoiceRow): Promise<Buffer> {
  const [company, mail, calendar] = await Promise.all([
    readSetting(ctx, COMPANY_SETTING),
    mailSettings(ctx),
    businessCalendar(ctx),
  ]);
  const firm: InvoiceFirm = {
    name: company.name || mail.companyName,
    rfc: company.rfc ?? null,
    address: company.address ?? null,
    phone: company.supportPhone ?? null,
    email: company.supportEmail ?? ctx.config.supportAddress,
  };
  const at = inv.issued_at ?? inv.created_at;
  const issuedOn = DateTime.fromISO(at).setZone(calendar.config.timeZone).toISODate() ?? at.slice(0, 10);
  return invoicePdf(inv, firm, issuedOn);
}

export function invoicePdf(inv: InvoiceRow, firm: InvoiceFirm, issuedOn: string): Promise<Buffer> {
  return renderPdf(`Prefactura ${inv.folio}`, (doc) => {
    header(doc, inv, firm, issuedOn);
    linesTable(doc, JSON.parse(inv.lines) as Line[]);
    totals(doc, inv);
  });
}

function header(doc: Pdf, inv: InvoiceRow, firm: InvoiceFirm, issuedOn: string) {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const top = doc.y;
  doc
    .font("Helvetica-Bold")
    .fontSize(15)
    .text(printable(firm.name || "Mesa"), left, top, { width: width - 190 });
  doc.font("Helvetica").fontSize(9);
  const contact = [firm.phone, firm.email].filter(Boolean).join(" · ");
  for (const l of [firm.rfc && `RFC ${firm.rfc}`, firm.address, contact]) if (l) doc.text(printable(l));
  const below = doc.y;
  doc
    .font("Helvetica-Bold")
    .fontSize(13)
    .text("PREFACTURA", left + width - 180, top, { width: 180, align: "right" });
  doc.fontSize(11).text(inv.folio, { width: 180, align: "right" });
  doc.font("Helvetica").fontSize(9).text(STATUS_ES[inv.status], { width: 180, align: "right" });
  doc.text(`Fecha: ${issuedOn}`, { width: 180, align: "right" });
  doc.x = left;
  doc.y = Math.max(below, doc.y) + 16;
  doc
    .font("Helvetica-Bold")
    .fontSize(10)
    .text(`Cliente: ${printable(inv.client_name)}`, left, doc.y, { width });
  doc.font("Helvetica").text(`RFC: ${inv.client_rfc ?? "—"}`);
  const about = inv.period ? `Periodo: ${inv.period}` : `Orden de servicio: ${inv.ticket_folio ?? "—"}`;
  doc.text(inv.erp_folio ? `${about}    Folio ERP: ${printable(inv.erp_folio)}` : about);
  doc.moveDown(1);
}

/** Column x offsets and widths: quantity, concept (the rest), unit price, amount. */
function columns(doc: Pdf) {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  return {
    qty: { x: left, w: 55 },
    concept: { x: left + 60, w: width - 60 - 180 },
    unit: { x: left + width - 175, w: 85 },
    amount: { x: left + width - 85, w: 85 },
  };
}

function tableHead(doc: Pdf) {
  const c = columns(doc);
  const y = doc.y;
  doc
    .rect(doc.page.margins.left, y - 3, contentWidth(doc), 16)
    .fill("#e9ecef")
    .fillColor("black");
  doc.font("Helvetica-Bold").fontSize(9);
  doc.text("Cantidad", c.qty.x, y, { width: c.qty.w, align: "right" });
  doc.text("Concepto", c.concept.x, y, { width: c.concept.w });
  doc.text("P. unitario", c.unit.x, y, { width: c.unit.w, align: "right" });
  doc.text("Importe", c.amount.x, y, { width: c.amount.w, align: "right" });
  doc.font("Helvetica");
  doc.y = y + 18;
}

function linesTable(doc: Pdf, lines: Line[]) {
  tableHead(doc);
  const c = columns(doc);
  for (const l of lines) {
    const concept = printable(l.description);
    const height = doc.heightOfString(concept, { width: c.concept.w }) + 4;
    if (ensureRoom(doc, height)) tableHead(doc);
    const y = doc.y;
    doc.text(qty(l.quantity), c.qty.x, y, { width: c.qty.w, align: "right" });
    doc.text(concept, c.concept.x, y, { width: c.concept.w });
    doc.text(pesos(l.unitPriceCents), c.unit.x, y, { width: c.unit.w, align: "right" });
    doc.text(pesos(l.amountCents), c.amount.x, y, { width: c.amount.w, align: "right" });
    doc.y = y + height;
  }
  doc
    .moveTo(doc.page.margins.left, doc.y)
    .lineTo(doc.page.margins.left + contentWidth(doc), doc.y)
    .stroke();
  doc.y += 6;
}

function totals(doc: Pdf, inv: InvoiceRow) {
  ensureRoom(doc, 110);
  const c = columns(doc);
  const row = (label: string, cents: number, bold = false) => {
    const y = doc.y;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(bold ? 11 : 10);
    doc.text(label, c.unit.x - 120, y, { width: 200, align: "right" });
    doc.text(pesos(cents), c.amount.x, y, { width: c.amount.w, align: "right" });
    doc.y = y + (bold ? 16 : 14);
  };
  row("Subtotal", Number(inv.subtotal_cents));
  row(`IVA ${(inv.tax_basis_points / 100).toFixed(2)} %`, Number(inv.tax_cents));
  row("Total MXN", Number(inv.total_cents), true);
  const left = doc.page.margins.left;
  doc
    .font("Helvetica")
    .fontSize(10)
    .text(`Condiciones de pago: ${termsText(inv)}`, left, doc.y + 12);
  doc.text(`Fecha de vencimiento: ${inv.due_on}`);
  doc.moveDown(1.5).fontSize(8).fillColor("#555555");
  doc.text("Documento sin validez fiscal: el CFDI lo timbra el ERP de la empresa.", {
    width: contentWidth(doc),
  });
  doc.fillColor("black");
}
