import { z } from "zod";
import { InvoiceLine } from "../../../contract/billing.js";
import type { Line } from "../../../domain/billing/money.js";
import { jsonColumn } from "../../platform/database/json-column.js";

const StoredLines = z.array(InvoiceLine);

/** An invoice's `lines` column, as written by make/edit: read through its schema. */
export function storedLines(json: string): Line[] {
  return jsonColumn(StoredLines, json, "invoices.lines");
}
