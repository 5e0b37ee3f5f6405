import { describe, expect, it } from "vitest";
import { DraftLineBody } from "../../../../src/contract/billing";
import { itemLine, totalsOf } from "../../../../src/domain/billing/money";
import {
  blankRow,
  checkRow,
  type LineRow,
  parseQuantity,
  previewDraft,
  rowsOf,
  sameRows,
} from "./draftLines";

const row = (description: string, quantity: string, price: string): LineRow => ({
  key: description,
  description,
  quantity,
  price,
});

describe("draft lines preview", () => {
  it("rounds each line half-up to the cent and taxes the subtotal, as the server does", () => {
    // 1.5 × 333.33 = 499.995 → 500.00; 3 × 0.03 lines: IVA 0.0144 on the subtotal → 0.01, not 3 × 0.00
    const p = previewDraft([row("a", "1.5", "333.33"), row("b", "1", "0.03")], 1600);
    expect(p.rows.map((r) => r.amountCents)).toEqual([50_000, 3]);
    expect(p.totals).toEqual(totalsOf([itemLine("a", 1.5, 33_333), itemLine("b", 1, 3)], 1600));
    expect(p.totals).toEqual({ subtotalCents: 50_003, taxCents: 8000, totalCents: 58_003 });
    const cents = previewDraft([row("a", "1", "0.03"), row("b", "1", "0.03"), row("c", "1", "0.03")], 1600);
    expect(cents.totals).toEqual({ subtotalCents: 9, taxCents: 1, totalCents: 10 });
  });

  it("uses the invoice's own rate", () => {
    // 8 %: 1,234.56 → IVA 98.7648 → 98.76
    expect(previewDraft([row("x", "1", "1,234.56")], 800).totals).toEqual({
      subtotalCents: 123_456,
      taxCents: 9876,
      totalCents: 133_332,
    });
  });

  it("names each field's problem and sends nothing until every line is valid", () => {
    expect(checkRow(row(" ", "0", "abc")).errors).toEqual({
      description: "required",
      quantity: "quantityRange",
      price: "price",
    });
    expect(checkRow(row("x".repeat(501), "1.01675", "1.234")).errors).toEqual({
      description: "tooLong",
      quantity: "quantityDecimals",
      price: "price",
    });
    expect(checkRow(row("x", "dos", "1000000001")).errors).toEqual({
      quantity: "quantity",
      price: "priceRange",
    });
    const p = previewDraft([row("ok", "2", "10"), row("", "1", "5")], 1600);
    expect(p.lines).toBeNull();
    // The preview still prices what it can.
    expect(p.totals.subtotalCents).toBe(2500);
    expect(previewDraft([], 1600).lines).toBeNull();
    expect(
      previewDraft(
        Array.from({ length: 201 }, () => row("x", "1", "1")),
        1600,
      ).lines,
    ).toBeNull();
    expect(
      previewDraft(
        Array.from({ length: 200 }, () => row("x", "1", "1")),
        1600,
      ).lines,
    ).toHaveLength(200);
  });

  it("refuses what the server cannot price to the cent", () => {
    expect(checkRow(row("x", "1000000", "1000000000")).errors).toEqual({ price: "priceRange" });
    const big = Array.from({ length: 200 }, () => row("x", "1000", "1,000,000"));
    expect(previewDraft(big, 1600)).toMatchObject({ tooLarge: true, lines: null });
  });

  it("accepts exactly the lines the API's contract accepts", () => {
    const cases = [
      row("Servicio", "1", "3500"),
      row("  Con espacios  ", "0.001", "0.01"),
      row("Mucho", "1,000", "1,000,000.00"),
      row("Tres decimales", "2.125", "$99.99"),
      row("Ceros", "1.5000", "0"),
    ];
    for (const r of cases) {
      const { line } = checkRow(r);
      expect(line, r.key).not.toBeNull();
      expect(DraftLineBody.safeParse(line).success, r.key).toBe(true);
    }
    // Numbers the form parses but the contract refuses are refused by the form too.
    const refused: [number, number][] = [
      [0, 100],
      [1.00001, 100],
      [1_000_000, 1_000_000],
      [1_000_001, 100],
      [1, 100_000_000_001],
    ];
    for (const [quantity, unitPriceCents] of refused) {
      expect(DraftLineBody.safeParse({ description: "x", quantity, unitPriceCents }).success).toBe(false);
      expect(checkRow(row("x", String(quantity), String(unitPriceCents / 100))).line).toBeNull();
    }
  });

  it("keeps a time line left as it was at its prorated amount, as the server does", () => {
    // 61 min at 600.00/h: 610.00 prorated to the minute, though 1.0167 h × 600.00 would be 610.02.
    const stored = [
      { description: "Servicio T-1", quantity: 1.0167, unitPriceCents: 60_000, amountCents: 61_000 },
    ];
    const rows = rowsOf(stored);
    expect(previewDraft(rows, 1600, stored).rows[0]?.amountCents).toBe(61_000);
    const repriced = [{ ...rows[0], price: "700" } as LineRow];
    expect(previewDraft(repriced, 1600, stored).rows[0]?.amountCents).toBe(71_169);
  });

  it("round-trips an invoice's lines and knows when nothing changed", () => {
    const lines = [{ description: "Póliza", quantity: 1, unitPriceCents: 350_000 }];
    const rows = rowsOf(lines);
    expect(rows).toMatchObject([{ description: "Póliza", quantity: "1", price: "3500.00" }]);
    expect(previewDraft(rows, 1600).lines).toEqual(lines);
    expect(sameRows(rows, rowsOf(lines))).toBe(true);
    expect(sameRows(rows, [...rows, blankRow()])).toBe(false);
    expect(parseQuantity("2.5")).toBe(2.5);
  });
});
