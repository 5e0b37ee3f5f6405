/** Folds text for accent- and case-insensitive search: "Electrónico" → "electronico". */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Search terms of a query: folded, split on spaces, without empties; each must match. */
export function searchTerms(query: string): string[] {
  return foldForSearch(query)
    .split(" ")
    .filter((t) => t.length > 0)
    .slice(0, 8);
}

export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  // Mexican numbers are dialled with or without the country code 52; keep the last ten digits.
  return digits.length > 10 && digits.startsWith("52") ? digits.slice(-10) : digits;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
