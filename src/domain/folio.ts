/** Service-order number as the client receives it: OS-2026-000042. */
export function formatFolio(year: number, sequence: number): string {
  return `OS-${year}-${String(sequence).padStart(6, "0")}`;
}

const FOLIO_PATTERN = /^OS-(\d{4})-(\d{6,})$/i;

export function parseFolio(text: string): { year: number; sequence: number } | null {
  const m = FOLIO_PATTERN.exec(text.trim());
  return m ? { year: Number(m[1]), sequence: Number(m[2]) } : null;
}
