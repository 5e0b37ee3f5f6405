/**
 * A tax rate as people type it (`16`, `8`, `16.5 %`, `8,25`) and as the server stores it: basis points
 * (1600 = 16 %). Whole numbers only, so no floating-point rounding can creep in.
 */

/** Basis points of a percentage from 0 to 100 with at most two decimals; null for anything else. */
export function parsePercent(text: string): number | null {
  const clean = text.trim().replace(/\s*%$/, "").replace(",", ".");
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(clean);
  if (!match) return null;
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return basisPoints <= 10_000 ? basisPoints : null;
}

/** `16`, `16.5`, `8.25`: basis points as an editable percentage, without trailing zeros. */
export function percentToInput(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const cents = String(basisPoints % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return cents ? `${whole}.${cents}` : String(whole);
}
