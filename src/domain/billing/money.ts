/**
 * Money arithmetic for invoices (SPEC §6, issue #14 item 7): integer cents, each line rounded
 * half-up to the cent, tax computed once on the subtotal. Pure: no I/O, no clock.
 */

/** Rounds numerator/denominator half-up (0.5 → 1) for non-negative safe integers. */
export function divHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || numerator < 0) throw new RangeError("numerator");
  if (!Number.isSafeInteger(denominator) || denominator <= 0) throw new RangeError("denominator");
  const q = Math.floor(numerator / denominator);
  const r = numerator - q * denominator;
  return 2 * r >= denominator ? q + 1 : q;
}

/** Whole cents: a non-negative safe integer (negative or fractional cents are refused upstream). */
export const isCents = (v: number): boolean => Number.isSafeInteger(v) && v >= 0;

/** Minutes of work at an hourly rate, prorated to the minute: 61 min at 600.00 → 610.00. */
export const minutesAmountCents = (minutes: number, hourlyRateCents: number): number =>
  divHalfUp(minutes * hourlyRateCents, 60);

/** Hours shown on a line for `minutes` (up to 4 decimals; the amount is computed from the minutes). */
export const hoursOf = (minutes: number): number => Math.round((minutes / 60) * 10_000) / 10_000;

export interface Line {
  description: string;
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
  /** A line Mesa could not price (no rate matched): kept at 0 and flagged for the leader to price. */
  warning?: "no_rate";
}

/** The largest amount of a line, and of an invoice's subtotal: 1,000 million pesos keeps every product exact. */
export const MAX_AMOUNT_CENTS = 100_000_000_000;

/**
 * Whether quantity × unit price is an amount a line accepts. Within it, itemLine's product in
 * ten-thousandths (≤ 10^15) stays a safe integer; past it divHalfUp would throw.
 */
export const lineFits = (quantity: number, unitPriceCents: number): boolean =>
  quantity * unitPriceCents <= MAX_AMOUNT_CENTS;

/** Whether amounts add up to what one invoice holds (its subtotal), e.g. a ticket's charges. */
export const subtotalFits = (amountsCents: readonly number[]): boolean =>
  amountsCents.reduce((s, a) => s + a, 0) <= MAX_AMOUNT_CENTS;

/** An item line: quantity (up to 4 decimals, as time lines show hours) × unit price, half-up to the cent. */
export function itemLine(description: string, quantity: number, unitPriceCents: number): Line {
  const tenThousandths = Math.round(quantity * 10_000);
  return {
    description,
    quantity,
    unitPriceCents,
    amountCents: divHalfUp(tenThousandths * unitPriceCents, 10_000),
  };
}

type LineInput = Pick<Line, "description" | "quantity" | "unitPriceCents">;

/**
 * A draft's lines as a leader saved them: a line left exactly as it was keeps its amount (a time line
 * is prorated to the minute, which its 4-decimal hours × rate need not give back to the cent); any
 * other line is an item line.
 */
export function editedLines(stored: readonly Line[], edited: readonly LineInput[]): Line[] {
  const unchanged = storedLineTaker(stored);
  return edited.map((l) => unchanged(l) ?? itemLine(l.description, l.quantity, l.unitPriceCents));
}

/** Gives, once each, the stored line a saved line repeats exactly (editedLines; the web's preview). */
export function storedLineTaker(stored: readonly Line[]): (l: LineInput) => Line | undefined {
  const left = [...stored];
  return (l) => {
    const i = left.findIndex(
      (s) =>
        s.description === l.description && s.quantity === l.quantity && s.unitPriceCents === l.unitPriceCents,
    );
    return i >= 0 ? left.splice(i, 1)[0] : undefined;
  };
}

/** A line of worked time: the amount is prorated to the minute, the quantity shows hours. */
export function timeLine(description: string, minutes: number, hourlyRateCents: number): Line {
  return {
    description,
    quantity: hoursOf(minutes),
    unitPriceCents: hourlyRateCents,
    amountCents: minutesAmountCents(minutes, hourlyRateCents),
  };
}

export interface Totals {
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
}

/** Subtotal of the lines, tax (basis points: 1600 = 16 %) on the subtotal half-up, and the total. */
export function totalsOf(lines: readonly Pick<Line, "amountCents">[], taxBasisPoints: number): Totals {
  const subtotalCents = lines.reduce((s, l) => s + l.amountCents, 0);
  const taxCents = divHalfUp(subtotalCents * taxBasisPoints, 10_000);
  return { subtotalCents, taxCents, totalCents: subtotalCents + taxCents };
}

/**
 * A draft's time line priced at a new hourly rate (a ticket's rate override): it keeps its description
 * and quantity. While the quantity still shows `minutes` in hours the amount is prorated to the minute,
 * as when it was made; a quantity the leader typed is billed as an item. The `no_rate` flag goes.
 */
export function repriceTimeLine(line: Line, minutes: number, hourlyRateCents: number): Line {
  if (minutes > 0 && line.quantity === hoursOf(minutes)) {
    return timeLine(line.description, minutes, hourlyRateCents);
  }
  return itemLine(line.description, line.quantity, hourlyRateCents);
}
