import { contentWidth, type Pdf, printable } from "./document.js";
import { drawableImage } from "./image-check.js";

/** The firm as printed at the top of its documents (company settings). */
export interface Firm {
  name: string;
  rfc: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  /** PNG or JPEG bytes of the firm's logo, when one is set. */
  logo?: Buffer | null;
}

const LOGO_BOX = { width: 110, height: 55 };

/** Draws the logo, or nothing if pdfkit cannot read it: a bad upload must not stop the document. */
function drawLogo(doc: Pdf, logo: Buffer, x: number, y: number): boolean {
  // What pdfkit would fail on after this returns (a damaged PNG) is checked before: see image-check.ts.
  if (!drawableImage(logo)) return false;
  try {
    doc.image(logo, x, y, { fit: [LOGO_BOX.width, LOGO_BOX.height], align: "right" });
    return true;
  } catch {
    return false;
  }
}

/**
 * The document header: the firm's name and data on the left, its logo on the right, then the
 * document's title (e.g. "Orden de servicio OS-2026-000123") under a rule.
 */
export function firmHeader(doc: Pdf, firm: Firm, title: string, subtitle?: string): void {
  const left = doc.page.margins.left;
  const top = doc.y;
  const width = contentWidth(doc);
  const hasLogo = firm.logo ? drawLogo(doc, firm.logo, left + width - LOGO_BOX.width, top) : false;
  const textWidth = hasLogo ? width - LOGO_BOX.width - 10 : width;
  doc.x = left;
  doc.y = top;
  doc
    .font("Helvetica-Bold")
    .fontSize(15)
    .fillColor("#111")
    .text(printable(firm.name, true), { width: textWidth });
  const details = [firm.rfc && `RFC ${firm.rfc}`, firm.address, firm.phone, firm.email]
    .filter((d): d is string => Boolean(d))
    .map((d) => printable(d, true));
  doc.font("Helvetica").fontSize(8.5).fillColor("#444");
  for (const d of details) doc.text(d, { width: textWidth });
  doc.y = Math.max(doc.y, hasLogo ? top + LOGO_BOX.height : doc.y) + 8;
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(0.8)
    .strokeColor("#999")
    .stroke();
  doc.moveDown(0.6).font("Helvetica-Bold").fontSize(13).fillColor("#111").text(printable(title, true), left);
  if (subtitle) doc.font("Helvetica").fontSize(10.5).text(printable(subtitle, true));
  doc.font("Helvetica").fontSize(9.5);
}
