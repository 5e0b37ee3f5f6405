/**
 * «+ Cliente nuevo» at intake starts from what was typed in «¿Quién llama?»: an email, a phone as the
 * server accepts one («(33) 1234-5678», «33 1234 5678», «+1 212 555 0100», with an extension) or else
 * the client's name.
 */
import { Phone } from "../../../../src/contract/common";

export interface CallerGuess {
  name?: string;
  phone?: string;
  email?: string;
  contactPhone?: string;
  contactEmail?: string;
}

export function guessCaller(text: string): CallerGuess {
  const value = text.trim();
  if (value.includes("@")) return { email: value, contactEmail: value };
  if (Phone.safeParse(value).success) return { phone: value, contactPhone: value };
  return { name: value };
}
