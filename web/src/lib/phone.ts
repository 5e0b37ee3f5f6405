/**
 * Phones are stored as digits (so a caller is found however they were typed); a person reads them
 * grouped as Mexicans write them: "55 4012 8831" (two-digit areas: CDMX, Guadalajara, Monterrey)
 * and "442 198 2045" elsewhere. Anything that is not a ten-digit national number is left as stored.
 */
import { normalizePhone, phoneParts } from "../../../src/domain/text";

const TWO_DIGIT_AREAS = new Set(["55", "56", "33", "81"]);

export function formatPhone(stored: string): string {
  if (!/^\d{10}$/.test(stored)) return stored;
  return TWO_DIGIT_AREAS.has(stored.slice(0, 2))
    ? `${stored.slice(0, 2)} ${stored.slice(2, 6)} ${stored.slice(6)}`
    : `${stored.slice(0, 3)} ${stored.slice(3, 6)} ${stored.slice(6)}`;
}

/** A contact's phones to show: the main one as it was typed, the others grouped. */
export function contactPhones(contact: { phone: string | null; phones: string[] }): string[] {
  const typed = contact.phone?.trim();
  if (!contact.phones.length) return typed ? [typed] : [];
  // As the server stores it: the line's digits, an extension («ext. 12») left out.
  const typedDigits = typed && normalizePhone(typed);
  return contact.phones.map((p) => (typed && typedDigits === p ? typed : formatPhone(p)));
}

/**
 * A phone as a tel: link: the line's digits (and a leading +), then its extension after a comma
 * (a pause, so the phone dials the line and then the extension): people write "(55) 1234-5678"
 * and "(444) 812-3460 ext. 12", "… x12", "… extensión 12" (as the server's `Phone` accepts them).
 */
export function telHref(phone: string): string {
  const { line, extension } = phoneParts(phone.trim());
  const plus = line.startsWith("+") ? "+" : "";
  return `tel:${plus}${line.replace(/\D/g, "")}${extension ? `,${extension}` : ""}`;
}
