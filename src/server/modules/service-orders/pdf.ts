import { DateTime } from "luxon";
import type { ServiceOrder } from "../../../contract/service-orders.js";
import {
  type Column,
  fact,
  firmHeader,
  heading,
  type Pdf,
  printable,
  renderPdf,
  table,
} from "../../platform/pdf/index.js";

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
    // The customer's own words for how work is done (its service strategy): presencial, local, remota, telefónica.
    modes: { onsite: "Presencial", office: "Local", remote: "Remota", phone: "Telefónica" },
    reason: "Motivo",
    date: "Fecha",
    mode: "Modo",
    time: "Tiempo",
    activity: "Actividad",
    description: "Descripción",
    quantity: "Cantidad",
    unitPrice: "Precio unitario",
    amount: "Importe",
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
    date: "Date",
    mode: "Mode",
    time: "Time",
    activity: "Activity",
    description: "Description",
    quantity: "Quantity",
    unitPrice: "Unit price",
    amount: "Amount",
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

/** Activities, then the times by mode with their total. */
function drawWork(doc: Pdf, order: ServiceOrder, zone: string, lang: OrderLang): void {
  const w = WORDS[lang];
  heading(doc, w.activities);
  const rows = order.activities.map((a) => [
    formatAt(a.at, zone, lang),
    w.modes[a.mode],
    formatMinutes(a.minutes),
    a.activity,
  ]);
  if (rows.length === 0) doc.text(w.none);
  else table(doc, activityColumns(lang), rows);
  heading(doc, w.times);
  const modes: Column[] = [
    { header: w.mode, width: 0.7 },
    { header: w.time, width: 0.3, align: "right" },
  ];
  table(doc, modes, [
    ...order.minutesByMode.map((m) => [w.modes[m.mode], formatMinutes(m.minutes)]),
    [w.total, formatMinutes(order.totalMinutes)],
  ]);
}

function drawCharges(doc: Pdf, order: ServiceOrder, lang: OrderLang): void {
  const w = WORDS[lang];
  heading(doc, w.charges);
  const rows = order.charges.map((c) => [
    c.description,
    String(c.quantity),
    formatCents(c.unitPriceCents, lang),
    formatCents(c.amountCents, lang),
  ]);
  if (rows.length === 0) doc.text(w.none);
  else table(doc, chargeColumns(lang), rows);
  fact(doc, w.chargesTotal, formatCents(order.chargesTotalCents, lang));
}

/** The service order as a PDF: the firm, folio, client, activities, times, charges and acceptance. */
export function serviceOrderPdf(
  order: ServiceOrder,
  zone: string,
  lang: OrderLang,
  opts: { logo?: Buffer | null; compress?: boolean } = {},
): Promise<Buffer> {
  const w = WORDS[lang];
  const title = `${w.title} ${order.folio}`;
  return renderPdf({ title, lang, compress: opts.compress ?? true }, (doc) => {
    firmHeader(doc, { ...order.company, logo: opts.logo ?? null }, title, order.title);
    doc.moveDown(0.5);
    fact(doc, w.client, order.clientName);
    if (order.contactName) fact(doc, w.contact, order.contactName);
    drawWork(doc, order, zone, lang);
    drawCharges(doc, order, lang);
    heading(doc, w.status);
    for (const line of statusLine(order, zone, lang)) doc.text(printable(line));
  });
}

function activityColumns(lang: OrderLang): Column[] {
  const w = WORDS[lang];
  return [
    { header: w.date, width: 0.2 },
    { header: w.mode, width: 0.15 },
    { header: w.time, width: 0.13, align: "right" },
    { header: w.activity, width: 0.52 },
  ];
}

function chargeColumns(lang: OrderLang): Column[] {
  const w = WORDS[lang];
  return [
    { header: w.description, width: 0.5 },
    { header: w.quantity, width: 0.12, align: "right" },
    { header: w.unitPrice, width: 0.19, align: "right" },
    { header: w.amount, width: 0.19, align: "right" },
  ];
}
