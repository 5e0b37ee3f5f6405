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

/** Público en general and extranjero: accepted for cash sales only, shared by many clients. */
export const GENERIC_RFCS = ["XAXX010101000", "XEXX010101000"] as const;

export function isGenericRfc(input: string): boolean {
  return (GENERIC_RFCS as readonly string[]).includes(normalizeRfc(input));
}

// SAT's character values for the check digit: 0-9, A-N, &, O-Z, space, Ñ.
const CHECK_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ";

/**
 * The SAT check digit (módulo 11) of an RFC: a 12-character (moral) RFC is padded with a leading space,
 * the first 12 characters are weighted 13 down to 2, and the digit is 11 − (sum mod 11), with 11 → "0"
 * and 10 → "A". Returns null when the RFC has a character outside SAT's table or a wrong length.
 */
export function rfcCheckDigit(input: string): string | null {
  const rfc = normalizeRfc(input);
  if (rfc.length !== 12 && rfc.length !== 13) return null;
  const padded = rfc.length === 12 ? ` ${rfc}` : rfc;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const value = CHECK_ALPHABET.indexOf(padded.charAt(i));
    if (value < 0) return null;
    sum += value * (13 - i);
  }
  const digit = 11 - (sum % 11);
  if (digit === 11) return "0";
  if (digit === 10) return "A";
  return String(digit);
}

export type RfcCheck =
  | { code: "rfc.ok" }
  | { code: "rfc.generic" }
  | { code: "rfc.check_digit_mismatch"; expected: string; actual: string };

/**
 * Whether a well-formed RFC passes SAT's check digit. Generic RFCs pass as such; a mismatch is a
 * warning (some RFCs issued long ago fail it), never a refusal by itself.
 */
export function checkRfc(input: string): RfcCheck {
  const rfc = normalizeRfc(input);
  if (isGenericRfc(rfc)) return { code: "rfc.generic" };
  const expected = rfcCheckDigit(rfc);
  const actual = rfc.slice(-1);
  if (expected === null || expected !== actual) {
    return { code: "rfc.check_digit_mismatch", expected: expected ?? "?", actual };
  }
  return { code: "rfc.ok" };
}
