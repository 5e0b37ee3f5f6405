/**
 * A draft invoice's lines as the leader types them, checked as the API checks them (contract
 * DraftLineBody / InvoicePatch) and priced as the server prices them (src/domain/billing/money: each
 * line half-up to the cent, IVA on the subtotal at the invoice's own rate). Pure: unit-tested.
 */
import {
  itemLine,
  type Line,
  MAX_AMOUNT_CENTS,
  storedLineTaker,
  type Totals,
  totalsOf,
} from "../../../../src/domain/billing/money";
import { centsToInput, parsePesos } from "../../lib/format";

/** InvoicePatch: at least one line, at most 200. */
export const MIN_LINES = 1;
export const MAX_LINES = 200;
/** DraftLineBody: description up to 500 characters, quantity over 0 up to 1,000,000 with 4 decimals. */
export const MAX_DESCRIPTION = 500;
const MAX_QUANTITY = 1_000_000;
/** Cents (contract/common.ts). */
const MAX_CENTS = 100_000_000_000;

export interface LineRow {
  key: string;
  description: string;
  quantity: string;
  price: string;
}

export type LineField = "description" | "quantity" | "price";
export type LineProblem =
  | "required"
  | "tooLong"
  | "quantity"
  | "quantityDecimals"
  | "quantityRange"
  | "price"
  | "priceRange";

export interface DraftLine {
  description: string;
  quantity: number;
  unitPriceCents: number;
}

export interface CheckedRow {
  /** The line to send, when every field of the row is valid. */
  line: DraftLine | null;
  /** Its amount as the server will compute it, when the quantity and price are valid. */
  amountCents: number | null;
  errors: Partial<Record<LineField, LineProblem>>;
}

let seq = 0;
const nextKey = () => `line-${++seq}`;

export const blankRow = (): LineRow => ({ key: nextKey(), description: "", quantity: "1", price: "" });

/** The invoice's lines as editable text (prices in pesos). */
export function rowsOf(lines: readonly DraftLine[]): LineRow[] {
  return lines.map((l) => ({
    key: nextKey(),
    description: l.description,
    quantity: String(l.quantity),
    price: centsToInput(l.unitPriceCents),
  }));
}

/** Same text in the same order (the keys aside): nothing to save. */
export const sameRows = (a: readonly LineRow[], b: readonly LineRow[]) =>
  a.length === b.length &&
  a.every(
    (r, i) => r.description === b[i]?.description && r.quantity === b[i]?.quantity && r.price === b[i]?.price,
  );

/** `2`, `1.5`, `1,000.125` (thousands commas and spaces ignored) → a number, or the problem. */
export function parseQuantity(text: string): number | LineProblem {
  const clean = text.replace(/[,\s]/g, "");
  const match = /^(\d{1,9})(?:\.(\d+))?$/.exec(clean);
  if (!match) return "quantity";
  if ((match[2] ?? "").replace(/0+$/, "").length > 4) return "quantityDecimals";
  const value = Number(clean);
  return value > 0 && value <= MAX_QUANTITY ? value : "quantityRange";
}

function priceOf(text: string): number | LineProblem {
  const cents = parsePesos(text.trim());
  if (cents === null) return "price";
  return cents <= MAX_CENTS ? cents : "priceRange";
}

/** The server's amount for a new line (itemLine); null past the largest amount it accepts. */
function amountOf(quantity: number, unitPriceCents: number): number | null {
  if (quantity * unitPriceCents > MAX_AMOUNT_CENTS) return null;
  return itemLine("", quantity, unitPriceCents).amountCents;
}

/** A row left exactly as a stored line keeps that line's amount, as the server keeps it (editedLines). */
function keepStoredAmounts(checked: CheckedRow[], stored: readonly Line[]): CheckedRow[] {
  const unchanged = storedLineTaker(stored);
  return checked.map((c) => {
    const kept = c.line && unchanged(c.line);
    return kept ? { ...c, amountCents: kept.amountCents } : c;
  });
}

export function checkRow(row: LineRow): CheckedRow {
  const errors: CheckedRow["errors"] = {};
  const description = row.description.trim();
  if (!description) errors.description = "required";
  else if (description.length > MAX_DESCRIPTION) errors.description = "tooLong";
  const quantity = parseQuantity(row.quantity);
  if (typeof quantity !== "number") errors.quantity = quantity;
  const price = priceOf(row.price);
  if (typeof price !== "number") errors.price = price;
  if (typeof quantity !== "number" || typeof price !== "number")
    return { line: null, amountCents: null, errors };
  const amountCents = amountOf(quantity, price);
  if (amountCents === null) errors.price = "priceRange";
  const line = Object.keys(errors).length ? null : { description, quantity, unitPriceCents: price };
  return { line, amountCents, errors };
}

export interface DraftPreview {
  rows: CheckedRow[];
  /** Over the lines that can be priced; exact (what the server will store) once `lines` is set. */
  totals: Totals;
  /** The sum is past what can be computed to the cent (nothing to send). */
  tooLarge: boolean;
  /** Every row valid and 1–200 of them: the PATCH body's lines. */
  lines: DraftLine[] | null;
}

const NO_TOTALS: Totals = { subtotalCents: 0, taxCents: 0, totalCents: 0 };

export function previewDraft(
  rows: readonly LineRow[],
  taxBasisPoints: number,
  stored: readonly Line[] = [],
): DraftPreview {
  const checked = keepStoredAmounts(rows.map(checkRow), stored);
  const priced = checked.flatMap((c) => (c.amountCents === null ? [] : [{ amountCents: c.amountCents }]));
  const subtotal = priced.reduce((s, l) => s + l.amountCents, 0);
  const tooLarge = subtotal > MAX_AMOUNT_CENTS;
  const totals = tooLarge ? NO_TOTALS : totalsOf(priced, taxBasisPoints);
  const lines = checked.flatMap((c) => (c.line ? [c.line] : []));
  const complete =
    !tooLarge && lines.length === rows.length && rows.length >= MIN_LINES && rows.length <= MAX_LINES;
  return { rows: checked, totals, tooLarge, lines: complete ? lines : null };
}
