/**
 * ERP hand-off (issue #14 item 8, layout in docs/billing-erp.md), the way back: a CSV of ERP folios
 * and payments imported, all rows or none, with a report per row. The export is in erp-export.ts.
 */
import { DateTime } from "luxon";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import { conflict, invalid, LocalizedDetails } from "../../platform/errors.js";
import { codedError, type MessageParams, render, type ServerLocale } from "../../platform/i18n/index.js";
import { centsToPesos, parseCsv, pesosToCents } from "./csv.js";
import { requireBiller } from "./policy.js";
import { type InvoiceRow, invoicesRepo } from "./repository.js";

interface ImportLine {
  row: number;
  folio: string;
  erpFolio: string;
  totalCents: number | null;
  paidOn: string | null;
}

/** A row's verdict: `code` (`billing.import_row.<code>` in the catalogues) and its arguments, no text. */
type RowReport = { row: number; folio: string; ok: boolean; code: string | null; params: MessageParams };
export const IMPORT_ROW_CODES = [
  "duplicate_row",
  "unknown_folio",
  "erp_folio_missing",
  "bad_total",
  "total_mismatch",
  "bad_date",
  "bad_status",
] as const;
type ImportRowCode = (typeof IMPORT_ROW_CODES)[number];

const IMPORT_COLUMNS = ["foliomesa", "folioerp", "total", "fechapago"];

function readImport(csv: string): ImportLine[] {
  const [header, ...rows] = parseCsv(csv);
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const [folio = -1, erpFolio = -1, total = -1, paidOn = -1] = IMPORT_COLUMNS.map((c) => names.indexOf(c));
  if (folio < 0 || erpFolio < 0 || total < 0) {
    throw invalid(
      "billing.import_columns",
      {},
      { expected: ["FolioMesa", "FolioERP", "Total", "FechaPago"] },
    );
  }
  return rows.map((r, i) => ({
    row: i + 2,
    folio: (r[folio] ?? "").trim(),
    erpFolio: (r[erpFolio] ?? "").trim(),
    totalCents: pesosToCents(r[total] ?? ""),
    paidOn: paidOn >= 0 ? (r[paidOn] ?? "").trim() || null : null,
  }));
}

function check(line: ImportLine, inv: InvoiceRow | undefined, seen: Set<string>): RowReport {
  const fail = (code: ImportRowCode, params: MessageParams = {}): RowReport => ({
    row: line.row,
    folio: line.folio,
    ok: false,
    code,
    params,
  });
  if (seen.has(line.folio)) return fail("duplicate_row");
  seen.add(line.folio);
  if (!inv) return fail("unknown_folio");
  if (!line.erpFolio) return fail("erp_folio_missing");
  if (line.totalCents === null) return fail("bad_total");
  if (line.totalCents !== Number(inv.total_cents)) {
    return fail("total_mismatch", { total: centsToPesos(Number(inv.total_cents)) });
  }
  if (line.paidOn !== null && !DateTime.fromFormat(line.paidOn, "yyyy-MM-dd").isValid)
    return fail("bad_date");
  // `paid` without a payment date: the invoice is paid already and the row would undo nothing.
  if (!["issued", "exported", "paid"].includes(inv.status) || (inv.status === "paid" && line.paidOn === null))
    return fail("bad_status", { status: inv.status });
  return { row: line.row, folio: line.folio, ok: true, code: null, params: {} };
}

/** The report as the API carries it: each verdict also worded in the reader's language (`message`). */
function worded(rows: RowReport[], locale: ServerLocale) {
  return rows.map((r) => ({
    ...r,
    message: r.code === null ? null : render(locale, `billing.import_row.${r.code}`, r.params),
  }));
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
      new LocalizedDetails((locale) => ({ rows: worded(rows, locale) })),
    );
  }
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const l of lines) {
      const inv = found.get(l.folio);
      // Every row passed check(), which needs the invoice; guard anyway rather than assert.
      if (!inv) throw conflict("billing.changed_during_import", { folio: l.folio });
      const patch = {
        erp_folio: l.erpFolio,
        status: l.paidOn ? ("paid" as const) : ("exported" as const),
        exported_at: inv.exported_at ?? now,
        paid_at: l.paidOn ? `${l.paidOn}T12:00:00.000Z` : inv.paid_at,
        updated_at: now,
      };
      if (!(await invoicesRepo.updateIfVersion(trx, inv.id, inv.version, patch))) {
        throw conflict("billing.changed_during_import", { folio: inv.folio });
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
  // Every row passed: there is nothing to word.
  return { applied: lines.length, rows: rows.map((r) => ({ ...r, message: null })) };
}
