/**
 * The invoice PDF. pdfkit is not installed (see NEEDS_PDFKIT), so this writes a minimal single-font
 * PDF 1.4 by hand: Helvetica, WinAnsi (Latin-1) text, one page per 48 lines. Enough for a readable
 * prefactura; swap for pdfkit when it is available.
 */
import type { Line } from "../../../domain/billing/money.js";
import { centsToPesos } from "./csv.js";
import type { InvoiceRow } from "./repository.js";

const STATUS_ES = {
  draft: "BORRADOR",
  issued: "EMITIDA",
  exported: "EXPORTADA",
  paid: "PAGADA",
  cancelled: "CANCELADA",
};

/** Latin-1 text for a PDF string: ( ) \ escaped, characters outside Latin-1 as "?". */
const pdfText = (s: string) => s.replace(/[^\u0020-\u00ff]/g, "?").replace(/[\\()]/g, (c) => `\\${c}`);

function invoiceText(inv: InvoiceRow): string[] {
  const lines = JSON.parse(inv.lines) as Line[];
  const out = [
    `PREFACTURA ${inv.folio}   (${STATUS_ES[inv.status]})`,
    "",
    `Cliente: ${inv.client_name}`,
    `RFC: ${inv.client_rfc ?? "-"}`,
    inv.period ? `Periodo: ${inv.period}` : `Orden de servicio: ${inv.ticket_folio ?? "-"}`,
    `Condiciones: ${inv.payment_terms === "cash" ? "contado" : `credito ${inv.credit_days ?? 0} dias`}   Vence: ${inv.due_on}`,
    inv.erp_folio ? `Folio ERP: ${inv.erp_folio}` : "",
    "",
    "Cantidad   Concepto                                             P. unitario       Importe",
  ];
  for (const l of lines) {
    const desc = l.description.length > 50 ? `${l.description.slice(0, 47)}...` : l.description;
    out.push(
      `${String(l.quantity).padStart(8)}   ${desc.padEnd(50)}  ${centsToPesos(l.unitPriceCents).padStart(12)}  ${centsToPesos(l.amountCents).padStart(12)}`,
    );
  }
  out.push(
    "",
    `${"Subtotal".padStart(78)} ${centsToPesos(Number(inv.subtotal_cents)).padStart(12)}`,
    `${`IVA ${(inv.tax_basis_points / 100).toFixed(2)} %`.padStart(78)} ${centsToPesos(Number(inv.tax_cents)).padStart(12)}`,
    `${"Total MXN".padStart(78)} ${centsToPesos(Number(inv.total_cents)).padStart(12)}`,
    "",
    "Documento sin validez fiscal: el CFDI lo timbra el ERP.",
  );
  return out;
}

export function invoicePdf(inv: InvoiceRow): Buffer {
  const text = invoiceText(inv);
  const pages: string[][] = [];
  for (let i = 0; i < text.length; i += 48) pages.push(text.slice(i, i + 48));
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`;
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>";
  pages.forEach((page, i) => {
    const ops = page.map((l, j) => `1 0 0 1 40 ${800 - j * 15} Tm (${pdfText(l)}) Tj`).join("\n");
    const stream = `BT /F1 8 Tf\n${ops}\nET`;
    objects[pageIds[i]!] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`;
    objects[pageIds[i]! + 1] =
      `<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`;
  });
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(body, "latin1");
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) body += `${String(offsets[id]).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}
