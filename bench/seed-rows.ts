/** Building blocks the bench seeds share: one random sequence and the bare row of a cash client. */

/** Deterministic PRNG (mulberry32) so runs are comparable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A `clients` row on cash terms with no credit, address, technician or notes: what seeds insert in bulk. */
export function cashClientRow(c: {
  id: string;
  name: string;
  rfc: string;
  phone: string | null;
  email: string | null;
  searchText: string;
  at: string;
}) {
  return {
    id: c.id,
    name: c.name,
    rfc: c.rfc,
    phone: c.phone,
    email: c.email,
    billing_address: null,
    payment_terms: "cash" as const,
    credit_days: null,
    credit_limit_cents: null,
    credit_approved_by: null,
    credit_approved_at: null,
    account_technician_id: null,
    notes: null,
    search_text: c.searchText,
    created_at: c.at,
    updated_at: c.at,
  };
}
