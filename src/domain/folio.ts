/** Service-order number as the client receives it: OS-2026-000042. */
export function formatFolio(year: number, sequence: number): string {
  return `OS-${year}-${String(sequence).padStart(6, "0")}`;
}
