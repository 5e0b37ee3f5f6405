import { DateTime } from "luxon";
import type { ServiceOrder } from "../../../contract/service-orders.js";
import { type PdfLine, writePdf } from "./pdf-writer.js";

export type OrderLang = "es" | "en";

const WORDS = {
  es: {
    title: "Orden de servicio",
    client: "Cliente",
    contact: "Contacto",
    activities: "Actividades realizadas",
    times: "Tiempos por modo de atención",
    total: "Tiempo total",
    charges: "Cargos",
    chargesTotal: "Total de cargos",
    none: "Sin registros",
    status: "Aceptación",
    pending: "Pendiente de aceptación por el cliente",
    accepted: "Aceptada",
    rejected: "Rechazada",
    by: "por",
    via: { link: "enlace del correo", portal: "portal", onsite: "en sitio" },
    modes: { onsite: "Presencial", office: "En oficina", remote: "Remoto", phone: "Teléfono" },
    reason: "Motivo",
  },
  en: {
    title: "Service order",
    client: "Client",
    contact: "Contact",
    activities: "Activities performed",
    times: "Time by attention mode",
    total: "Total time",
    charges: "Charges",
    chargesTotal: "Charges total",
    none: "None",
    status: "Acceptance",
    pending: "Awaiting the client's acceptance",
    accepted: "Accepted",
    rejected: "Rejected",
    by: "by",
    via: { link: "e-mailed link", portal: "portal", onsite: "on site" },
    modes: { onsite: "On site", office: "At the office", remote: "Remote", phone: "Phone" },
    reason: "Reason",
  },
} as const;

export const formatMinutes = (m: number) => (m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`);
export const formatCents = (cents: number, lang: OrderLang) =>
  new Intl.NumberFormat(lang === "es" ? "es-MX" : "en-US", { style: "currency", currency: "MXN" }).format(
    cents / 100,
  );
const formatAt = (iso: string, zone: string, lang: OrderLang) =>
  DateTime.fromISO(iso, { zone })
    .setLocale(lang === "es" ? "es-MX" : "en-US")
    .toFormat("dd/LL/yyyy HH:mm");

/** The activities and times as plain lines (the mail body and the PDF say the same). */
export function workLines(order: ServiceOrder, zone: string, lang: OrderLang): string[] {
  const w = WORDS[lang];
  const acts = order.activities.map(
    (a) => `${formatAt(a.at, zone, lang)} · ${w.modes[a.mode]} · ${formatMinutes(a.minutes)} · ${a.activity}`,
  );
  const modes = order.minutesByMode.map((m) => `${w.modes[m.mode]}: ${formatMinutes(m.minutes)}`);
  const charges = order.charges.map(
    (c) =>
      `${c.quantity} × ${c.description} (${formatCents(c.unitPriceCents, lang)}) = ${formatCents(c.amountCents, lang)}`,
  );
  return [
    `${w.activities}:`,
    ...(acts.length ? acts : [w.none]).map((l) => `  - ${l}`),
    `${w.times}:`,
    ...modes.map((l) => `  - ${l}`),
    `${w.total}: ${formatMinutes(order.totalMinutes)}`,
    `${w.charges}:`,
    ...(charges.length ? charges : [w.none]).map((l) => `  - ${l}`),
    `${w.chargesTotal}: ${formatCents(order.chargesTotalCents, lang)}`,
  ];
}

function statusLine(order: ServiceOrder, zone: string, lang: OrderLang): string[] {
  const w = WORDS[lang];
  const d = order.decision;
  if (!d) return [w.pending];
  const head = `${d.decision === "accepted" ? w.accepted : w.rejected} ${w.by} ${d.signerName ?? "—"}, ${formatAt(d.at, zone, lang)} (${w.via[d.method]})`;
  return d.reason ? [head, `${w.reason}: ${d.reason}`] : [head];
}

/** The service order as a PDF: the firm, folio, client, activities, times, charges and acceptance. */
export function serviceOrderPdf(order: ServiceOrder, zone: string, lang: OrderLang): Buffer {
  const w = WORDS[lang];
  const c = order.company;
  const firm = [c.rfc && `RFC ${c.rfc}`, c.address, c.phone, c.email].filter(Boolean).join(" · ");
  const lines: PdfLine[] = [
    { text: c.name, size: 16, bold: true },
    ...(firm ? [{ text: firm, size: 9 }] : []),
    { text: `${w.title} ${order.folio}`, size: 14, bold: true, gap: 14 },
    { text: order.title, size: 11 },
    { text: `${w.client}: ${order.clientName}`, gap: 8 },
    ...(order.contactName ? [{ text: `${w.contact}: ${order.contactName}` }] : []),
    ...workLines(order, zone, lang).map((text) =>
      text.startsWith("  ") ? { text: text.trim(), indent: 12 } : { text, bold: true, gap: 8 },
    ),
    { text: `${w.status}:`, bold: true, gap: 12 },
    ...statusLine(order, zone, lang).map((text) => ({ text, indent: 12 })),
  ];
  return writePdf(lines, `${w.title} ${order.folio}`);
}
