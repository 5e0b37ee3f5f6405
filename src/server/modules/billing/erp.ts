/**
 * ERP hand-off (issue #14 item 8, layout in docs/billing-erp.md): issued invoices exported for
 * Microsip as CSV (UTF-8 with BOM, one row per line) and marked `exported`; a CSV of ERP folios and
 * payments imported back, all rows or none, with a report per row.
 */
import { DateTime } from "luxon";
import type { Line } from "../../../domain/billing/money.js";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import { AppError } from "../../platform/errors.js";
import { codedError } from "../../platform/i18n/index.js";
import { centsToPesos, csvRow, parseCsv, pesosToCents } from "./csv.js";
import { requireBiller } from "./policy.js";
import { type InvoiceRow, invoicesRepo } from "./repository.js";

export const EXPORT_HEADER = [
  "FolioMesa",
  "FechaEmision",
  "RFC",
  "Cliente",
  "Concepto",
  "Cantidad",
  "PrecioUnitario",
  "Importe",
  "TasaIVA",
  "Subtotal",
  "IVA",
  "Total",
  "CondicionesPago",
  "FechaVencimiento",
];

function exportRows(inv: InvoiceRow): (string | number)[][] {
  const lines = JSON.parse(inv.lines) as Line[];
  const issued = (inv.issued_at ?? inv.created_at).slice(0, 10);
  const terms = inv.payment_terms === "cash" ? "CONTADO" : `CREDITO ${inv.credit_days ?? 0} DIAS`;
  return lines.map((l) => [
    inv.folio,
    issued,
    inv.client_rfc ?? "",
    inv.client_name,
    l.description,
    l.quantity,
    centsToPesos(l.unitPriceCents),
    centsToPesos(l.amountCents),
    (inv.tax_basis_points / 10_000).toFixed(4),
    centsToPesos(Number(inv.subtotal_cents)),
    centsToPesos(Number(inv.tax_cents)),
    centsToPesos(Number(inv.total_cents)),
    terms,
    inv.due_on,
  ]);
}

/** The CSV of the named invoices (issued or already exported) or of every issued one; issued ones become `exported`. */
export async function exportInvoices(ctx: AppContext, actor: Actor, format: "csv" | "xlsx", ids?: string[]) {
  requireBiller(actor);
  if (format === "xlsx")
    throw codedError("precondition_failed", { code: "billing.xlsx_unavailable", params: {} });
  const rows = ids ? await invoicesRepo.byIds(ctx.db, ids) : await invoicesRepo.issuedForExport(ctx.db);
  if (ids && rows.length !== new Set(ids).size)
    throw new AppError("not_found", "Alguna factura no existe.", { ids });
  const bad = rows.filter((r) => r.status !== "issued" && r.status !== "exported");
  if (bad.length) {
    throw codedError(
      "invalid_transition",
      { code: "billing.invoice_status", params: { action: "export", status: bad[0]!.status } },
      { folios: bad.map((r) => r.folio) },
    );
  }
  if (rows.length === 0)
    throw codedError("precondition_failed", { code: "billing.nothing_to_export", params: {} });
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const r of rows.filter((x) => x.status === "issued")) {
      if (
        !(await invoicesRepo.updateIfVersion(trx, r.id, r.version, {
          status: "exported",
          exported_at: now,
          updated_at: now,
        }))
      ) {
        throw new AppError(
          "conflict",
          `La factura ${r.folio} cambió mientras se exportaba; intenta de nuevo.`,
        );
      }
      await auditRepo.record(trx, {
        entity: "invoice",
        entityId: r.id,
        at: now,
        actorId: actor.id,
        action: "export",
      });
    }
  });
  const body = [EXPORT_HEADER, ...rows.flatMap(exportRows)].map(csvRow).join("\r\n");
  return { filename: `facturas-${now.slice(0, 10)}.csv`, body: `\uFEFF${body}\r\n` };
}

interface ImportLine {
  row: number;
  folio: string;
  erpFolio: string;
  totalCents: number | null;
  paidOn: string | null;
}

type RowReport = { row: number; folio: string; ok: boolean; code: string | null; message: string | null };

const IMPORT_COLUMNS = ["foliomesa", "folioerp", "total", "fechapago"];

function readImport(csv: string): ImportLine[] {
  const [header, ...rows] = parseCsv(csv);
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const at = IMPORT_COLUMNS.map((c) => names.indexOf(c));
  if (at[0]! < 0 || at[1]! < 0 || at[2]! < 0) {
    throw new AppError(
      "validation_failed",
      "El CSV debe traer las columnas FolioMesa, FolioERP, Total y opcionalmente FechaPago.",
      { expected: ["FolioMesa", "FolioERP", "Total", "FechaPago"] },
    );
  }
  return rows.map((r, i) => ({
    row: i + 2,
    folio: (r[at[0]!] ?? "").trim(),
    erpFolio: (r[at[1]!] ?? "").trim(),
    totalCents: pesosToCents(r[at[2]!] ?? ""),
    paidOn: at[3]! >= 0 ? (r[at[3]!] ?? "").trim() || null : null,
  }));
}

function check(line: ImportLine, inv: InvoiceRow | undefined, seen: Set<string>): RowReport {
  const fail = (code: string, message: string) => ({
    row: line.row,
    folio: line.folio,
    ok: false,
    code,
    message,
  });
  if (seen.has(line.folio)) return fail("duplicate_row", "El folio aparece más de una vez en el archivo.");
  seen.add(line.folio);
  if (!inv) return fail("unknown_folio", "Mesa no tiene una factura con ese folio.");
  if (!line.erpFolio) return fail("erp_folio_missing", "Falta el folio del ERP.");
  if (line.totalCents === null) return fail("bad_total", "El total no es un importe válido.");
  if (line.totalCents !== Number(inv.total_cents)) {
    return fail(
      "total_mismatch",
      `El total no coincide: Mesa tiene ${centsToPesos(Number(inv.total_cents))}.`,
    );
  }
  if (line.paidOn !== null && !DateTime.fromFormat(line.paidOn, "yyyy-MM-dd").isValid) {
    return fail("bad_date", "FechaPago debe ser AAAA-MM-DD.");
  }
  if (!["issued", "exported", "paid"].includes(inv.status))
    return fail("bad_status", `La factura está en estado ${inv.status}.`);
  if (inv.status === "paid" && line.paidOn === null) return fail("bad_status", "La factura ya está pagada.");
  return { row: line.row, folio: line.folio, ok: true, code: null, message: null };
}

/** Applies every row or none: any row in error → 422 with the report and nothing changed. */
export async function importErp(ctx: AppContext, actor: Actor, csv: string) {
  requireBiller(actor);
  const lines = readImport(csv);
  const found = new Map(
    (await invoicesRepo.byFolios(ctx.db, [...new Set(lines.map((l) => l.folio))])).map((r) => [r.folio, r]),
  );
  const seen = new Set<string>();
  const rows = lines.map((l) => check(l, found.get(l.folio), seen));
  const errors = rows.filter((r) => !r.ok).length;
  if (errors > 0 || rows.length === 0) {
    throw codedError(
      "precondition_failed",
      { code: "billing.import_rejected", params: { count: errors } },
      { rows },
    );
  }
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const l of lines) {
      const inv = found.get(l.folio)!;
      const patch = {
        erp_folio: l.erpFolio,
        status: l.paidOn ? ("paid" as const) : ("exported" as const),
        exported_at: inv.exported_at ?? now,
        paid_at: l.paidOn ? `${l.paidOn}T12:00:00.000Z` : inv.paid_at,
        updated_at: now,
      };
      if (!(await invoicesRepo.updateIfVersion(trx, inv.id, inv.version, patch))) {
        throw new AppError(
          "conflict",
          `La factura ${inv.folio} cambió durante la importación; intenta de nuevo.`,
        );
      }
      await auditRepo.record(trx, {
        entity: "invoice",
        entityId: inv.id,
        at: now,
        actorId: actor.id,
        action: "erp_import",
        changes: patch,
      });
    }
  });
  return { applied: lines.length, rows };
}
