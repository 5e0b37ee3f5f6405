// Shared PDF building blocks (pdfkit): service orders use them, and so can invoices.
export {
  contentWidth,
  ensureRoom,
  fact,
  heading,
  type Pdf,
  type PdfOptions,
  printable,
  renderPdf,
} from "./document.js";
export { type Firm, firmHeader } from "./header.js";
export { type Column, table } from "./table.js";
