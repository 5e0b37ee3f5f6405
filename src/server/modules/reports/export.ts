/** Each report as one flat table (Spanish headers) for CSV export. */

import type {
  HourBankReport,
  ReportName,
  ResolutionReport,
  ResponseReport,
  SatisfactionReport,
  SlaReport,
  UnbilledReport,
  WorkloadReport,
} from "../../../contract/reports.js";
import { type Cell, toCsv } from "../../../domain/reports/csv.js";
import { percent } from "../../../domain/reports/figures.js";
import { lazy } from "../../platform/lazy-modules.js";

export interface Table {
  header: string[];
  rows: Cell[][];
}

const KIND: Record<string, string> = { contract: "Póliza", event: "Evento" };
const yesNo = (b: boolean | null) => (b === null ? "Todos" : b ? "Sí" : "No");
const kind = (k: string | null) => (k === null ? "Todos" : (KIND[k] ?? k));

const sla = (r: SlaReport): Table => ({
  header: ["Tipo", "Urgente", "Total", "Cumplidos", "Vencidos", "Pendientes", "% cumplido"],
  rows: r.rows.map((x) => [
    kind(x.serviceKind),
    yesNo(x.urgent),
    x.total,
    x.met,
    x.breached,
    x.pending,
    percent(x.met, x.met + x.breached),
  ]),
});

const response = (r: ResponseReport): Table => ({
  header: [
    "Tipo",
    "Urgente",
    "Respondidos",
    "Mediana hábil (min)",
    "P90 hábil (min)",
    "Mediana reloj (min)",
    "P90 reloj (min)",
  ],
  rows: r.rows.map((x) => [
    kind(x.serviceKind),
    yesNo(x.urgent),
    x.business.count,
    x.business.median,
    x.business.p90,
    x.wall.median,
    x.wall.p90,
  ]),
});

const resolution = (r: ResolutionReport): Table => ({
  header: [
    "Categoría",
    "Estimado (min)",
    "Tickets",
    "Atendidos",
    "Atendidos en estimado",
    "Mediana a atendido (min hábiles)",
    "Cerrados",
    "Cerrados en estimado",
    "Mediana a cerrado (min hábiles)",
  ],
  rows: r.rows.map((x) => [
    x.categoryName ?? x.category ?? "Sin categoría",
    x.estimateMinutes,
    x.tickets,
    x.attended,
    x.attendedWithinEstimate,
    x.attendedMedianMinutes,
    x.closed,
    x.closedWithinEstimate,
    x.closedMedianMinutes,
  ]),
});

const workload = (r: WorkloadReport): Table => ({
  header: ["Agrupado por", "Clave", "Nombre", "Tickets", "Minutos registrados", "Minutos facturables"],
  rows: r.rows.map((x) => [r.by, x.key, x.label, x.tickets, x.rawMinutes, x.billableMinutes]),
});

const hourBank = (r: HourBankReport): Table => ({
  header: [
    "Cliente",
    "Póliza",
    "Tipo",
    "Mes",
    "Minutos incluidos",
    "Minutos usados",
    "Minutos excedentes",
    "Tickets",
  ],
  rows: r.rows.map((x) => [
    x.clientName,
    x.contractId,
    x.contractType,
    x.month,
    x.includedMinutes,
    x.usedMinutes,
    x.overMinutes,
    x.tickets,
  ]),
});

type SatRow = SatisfactionReport["totals"];
const satCells = (by: string, name: string | null, x: SatRow): Cell[] => [
  by,
  name,
  x.closed,
  x.answered,
  x.unreachable,
  x.responseRatePct,
  x.overall,
  x.technician,
  x.timeliness,
];

const satisfaction = (r: SatisfactionReport): Table => ({
  header: [
    "Agrupado por",
    "Nombre",
    "Cerrados",
    "Contestadas",
    "Sin contacto",
    "% respuesta",
    "General",
    "Técnico",
    "Oportunidad",
  ],
  rows: [
    satCells("Total", null, r.totals),
    ...r.byTechnician.map((x) => satCells("Técnico", x.label ?? "Sin asignar", x)),
    ...r.byClient.map((x) => satCells("Cliente", x.label, x)),
  ],
});

const unbilled = (r: UnbilledReport): Table => ({
  header: [
    "Concepto",
    "Folio",
    "Cliente",
    "Fecha",
    "Descripción",
    "Minutos facturables",
    "Importe (centavos)",
  ],
  rows: [
    ...r.tickets.map((x) => [
      "Ticket",
      x.folio,
      x.clientName,
      x.closedAt,
      kind(x.serviceKind),
      x.billableMinutes,
      x.chargesCents,
    ]),
    ...r.charges.map((x) => [
      "Cargo",
      x.folio,
      x.clientName,
      x.createdAt,
      x.description,
      null,
      x.amountCents,
    ]),
  ],
});

// biome-ignore lint/suspicious/noExplicitAny: each entry receives its own report's answer (routes.ts pairs them)
const TABLES: Record<ReportName, (r: any) => Table> = {
  sla,
  response,
  resolution,
  workload,
  "hour-bank": hourBank,
  satisfaction,
  unbilled,
};

export function reportCsv(name: ReportName, report: unknown): string {
  const t = TABLES[name](report);
  return toCsv(t.header, t.rows);
}

/** The same table as a one-sheet workbook: numbers stay numbers, the header is bold and frozen. */
export async function reportXlsx(name: ReportName, report: unknown): Promise<Buffer> {
  const t = TABLES[name](report);
  const ExcelJS = await lazy.exceljs();
  const book = new ExcelJS.Workbook();
  book.creator = "Mesa";
  const sheet = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(t.header).font = { bold: true };
  for (const row of t.rows) sheet.addRow(row.map((c) => (typeof c === "boolean" ? (c ? 1 : 0) : c)));
  sheet.columns.forEach((col, i) => {
    col.width = Math.min(40, Math.max(10, (t.header[i] ?? "").length + 2));
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
