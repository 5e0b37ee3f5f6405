import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import { AppError, conflict } from "../../platform/errors.js";
import { codedError } from "../../platform/i18n/index.js";
import { centsToPesos, csvRow, exportCsvRow } from "./csv.js";
import { requireBiller } from "./policy.js";
import { type InvoiceRow, invoicesRepo } from "./repository.js";
import { storedLines } from "./stored-lines.js";
import { exportWorkbook } from "./xlsx.js";

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
  const lines = storedLines(inv.lines);
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

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface ExportFile {
  filename: string;
  contentType: string;
  body: string | Buffer;
}

/** The file of the named invoices (issued or already exported) or of every issued one; issued ones become `exported`. */
export async function exportInvoices(
  ctx: AppContext,
  actor: Actor,
  format: "csv" | "xlsx",
  ids?: string[],
): Promise<ExportFile> {
  requireBiller(actor);
  const rows = await exportable(ctx, ids);
  const now = ctx.clock().toISOString();
  // The file is made before anything is marked, so a failure leaves every invoice as it was.
  const file = await render(format, rows, `facturas-${now.slice(0, 10)}`);
  await markExported(ctx, actor, rows, now);
  return file;
}

async function render(format: "csv" | "xlsx", invoices: InvoiceRow[], name: string): Promise<ExportFile> {
  const rows = invoices.flatMap(exportRows);
  if (format === "xlsx")
    return {
      filename: `${name}.xlsx`,
      contentType: XLSX_TYPE,
      body: await exportWorkbook(EXPORT_HEADER, rows),
    };
  const lines = [csvRow(EXPORT_HEADER), ...rows.map((r) => exportCsvRow(EXPORT_HEADER, r))];
  const body = lines.join("\r\n");
  return { filename: `${name}.csv`, contentType: "text/csv; charset=utf-8", body: `\uFEFF${body}\r\n` };
}

async function exportable(ctx: AppContext, ids: string[] | undefined): Promise<InvoiceRow[]> {
  const rows = ids ? await invoicesRepo.byIds(ctx.db, ids) : await invoicesRepo.issuedForExport(ctx.db);
  if (ids && rows.length !== new Set(ids).size)
    throw new AppError("not_found", "billing.some_invoice_missing", {}, { ids });
  const bad = rows.filter((r) => r.status !== "issued" && r.status !== "exported");
  const [firstBad] = bad;
  if (firstBad) {
    throw codedError(
      "invalid_transition",
      { code: "billing.invoice_status", params: { action: "export", status: firstBad.status } },
      { folios: bad.map((r) => r.folio) },
    );
  }
  if (rows.length === 0)
    throw codedError("precondition_failed", { code: "billing.nothing_to_export", params: {} });
  // One issued before issuing required an RFC: the ERP would refuse it, so the file is not made.
  const noRfc = rows.filter((r) => !r.client_rfc);
  if (noRfc.length > 0) {
    const folios = noRfc.map((r) => r.folio);
    throw codedError(
      "conflict",
      { code: "billing.no_rfc", params: { folios: folios.join(", "), client: noRfc[0]?.client_name ?? "" } },
      { folios },
    );
  }
  return rows;
}

async function markExported(ctx: AppContext, actor: Actor, rows: InvoiceRow[], now: string) {
  await ctx.db.transaction().execute(async (trx) => {
    for (const r of rows.filter((x) => x.status === "issued")) {
      const patch = { status: "exported" as const, exported_at: now, updated_at: now };
      if (!(await invoicesRepo.updateIfVersion(trx, r.id, r.version, patch))) {
        throw conflict("billing.changed_during_export", { folio: r.folio });
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
}
