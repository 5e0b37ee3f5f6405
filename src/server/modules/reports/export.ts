/** Each report as one flat table (Spanish headers) for CSV and XLSX export. */
import { DateTime } from "luxon";

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

/**
 * A report as people read it in a spreadsheet: Spanish headers, names rather than ids, and two kinds of
 * column written as on screen: `money` (integer cents, written as pesos) and `instants` (UTC ISO
 * instants, written as the business calendar's day and time).
 */
export interface Table {
  header: string[];
  rows: Cell[][];
  money?: number[];
  instants?: number[];
}

/** Each report's sheet, by its name in the app (Excel allows 31 characters, no «/»). */
const SHEETS: Record<ReportName, string> = {
  sla: "Cumplimiento SLA",
  response: "Tiempo de respuesta",
  resolution: "Resolución",
  workload: "Carga de trabajo",
  "hour-bank": "Bolsa de horas",
  satisfaction: "Satisfacción",
  unbilled: "Por facturar",
};

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

const WORKLOAD_BY: Record<WorkloadReport["by"], { by: string; none: string }> = {
  technician: { by: "Técnico", none: "Sin asignar" },
  category: { by: "Categoría", none: "Sin categoría" },
  client: { by: "Cliente", none: "Sin cliente" },
  mode: { by: "Modalidad", none: "Sin modalidad" },
};

const workload = (r: WorkloadReport): Table => {
  const { by, none } = WORKLOAD_BY[r.by];
  return {
    header: ["Agrupado por", "Nombre", "Tickets", "Minutos registrados", "Minutos facturables"],
    rows: r.rows.map((x) => [by, x.label ?? none, x.tickets, x.rawMinutes, x.billableMinutes]),
  };
};

const hourBank = (r: HourBankReport): Table => ({
  header: [
    "Cliente",
    "Póliza",
    "Mes",
    "Minutos incluidos",
    "Minutos usados",
    "Minutos excedentes",
    "Tickets",
  ],
  rows: r.rows.map((x) => [
    x.clientName,
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

/**
 * A ticket's row carries its extra charges apart from the amount to bill: those charges are also
 * rows of their own while no invoice holds them, and the time's amount is only known on the invoice
 * (its rate). The «Importe por facturar» column then sums to the screen's «Cargos por facturar».
 */
const unbilled = (r: UnbilledReport): Table => ({
  header: [
    "Concepto",
    "Folio",
    "Cliente",
    "Fecha",
    "Descripción",
    "Minutos facturables",
    "Cargos del ticket (MXN)",
    "Importe por facturar (MXN)",
  ],
  money: [6, 7],
  instants: [3],
  rows: [
    ...r.tickets.map((x) => [
      "Ticket",
      x.folio,
      x.clientName,
      x.closedAt,
      kind(x.serviceKind),
      x.billableMinutes,
      x.chargesCents,
      null,
    ]),
    ...r.charges.map((x) => [
      "Cargo",
      x.folio,
      x.clientName,
      x.createdAt,
      x.description,
      null,
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

/** An instant as the screens show it: «09/11/2026 07:00» on the business calendar's clock. */
const localDateTime = (iso: Cell, zone: string): Cell =>
  typeof iso === "string" ? DateTime.fromISO(iso, { zone }).toFormat("dd/LL/yyyy HH:mm") : iso;

/** The table's instants written in `zone`; its money as pesos by `pesos` (text for CSV, a number for XLSX). */
function written(t: Table, zone: string, pesos: (cents: number) => Cell): Cell[][] {
  return t.rows.map((row) =>
    row.map((c, i) => {
      if (t.instants?.includes(i)) return localDateTime(c, zone);
      if (t.money?.includes(i) && typeof c === "number") return pesos(c);
      return c;
    }),
  );
}

/** `zone`: the business calendar's, in which the report's days and times are read. */
export function reportCsv(name: ReportName, report: unknown, zone: string): string {
  const t = TABLES[name](report);
  return toCsv(
    t.header,
    written(t, zone, (cents) => (cents / 100).toFixed(2)),
  );
}

/** The same table as a one-sheet workbook: numbers stay numbers, the header is bold and frozen. */
export async function reportXlsx(name: ReportName, report: unknown, zone: string): Promise<Buffer> {
  const t = TABLES[name](report);
  const ExcelJS = await lazy.exceljs();
  const book = new ExcelJS.Workbook();
  book.creator = "Mesa";
  const sheet = book.addWorksheet(SHEETS[name], { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(t.header).font = { bold: true };
  for (const row of written(t, zone, (cents) => cents / 100))
    sheet.addRow(row.map((c) => (typeof c === "boolean" ? (c ? 1 : 0) : c)));
  sheet.columns.forEach((col, i) => {
    col.width = Math.min(40, Math.max(10, (t.header[i] ?? "").length + 2));
    if (t.money?.includes(i)) col.numFmt = '"$"#,##0.00';
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
