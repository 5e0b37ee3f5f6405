/**
 * RFC (Registro Federal de Contribuyentes) by the SAT format: persona moral has 3 letters,
 * persona física 4, then the date YYMMDD and a 3-character homoclave.
 */
const RFC_PATTERN = /^([A-ZÑ&]{3,4})(\d{2})(\d{2})(\d{2})([A-Z\d]{2}[A-Z\d])$/;

export type RfcKind = "moral" | "fisica";

export function normalizeRfc(input: string): string {
  return input.trim().toUpperCase().replace(/[\s-]/g, "");
}

/** Returns the kind of a valid RFC, or null. The date part must be a real calendar date. */
export function rfcKind(input: string): RfcKind | null {
  const match = RFC_PATTERN.exec(normalizeRfc(input));
  if (!match) return null;
  const [, letters, yy, mm, dd] = match;
  if (letters === undefined || yy === undefined || mm === undefined || dd === undefined) return null;
  if (!isRealDate(Number(yy), Number(mm), Number(dd))) return null;
  return letters.length === 3 ? "moral" : "fisica";
}

function isRealDate(yy: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // The century is not part of the RFC; every year divisible by 4 in 1901–2099 is leap, and 2000 is too.
  const leap = yy % 4 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (lengths[month - 1] ?? 0);
}

export function isValidRfc(input: string): boolean {
  return rfcKind(input) !== null;
}
