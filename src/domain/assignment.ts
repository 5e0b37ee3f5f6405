/**
 * Ranks technicians for a ticket the way the seed describes reception's choice:
 * "al técnico capacitado para esa labor o al que atiende a ese cliente" — skill, client history, load.
 */
import { type Coded, coded } from "./messages.js";

export interface CandidateFacts {
  id: string;
  name: string;
  skills: readonly string[];
  openTickets: number;
  ticketsWithClient: number;
  ticketsInCategory: number;
  isAccountTechnician: boolean;
}

export interface RankedCandidate {
  id: string;
  name: string;
  score: number;
  /** `assign.reason.*` codes with parameters, e.g. `{code:"assign.reason.client_history", params:{count:3}}`. */
  reasons: Coded[];
}

export const ASSIGNMENT_WEIGHTS = {
  skillMatch: 50,
  accountTechnician: 30,
  perClientTicket: 4,
  clientHistoryCap: 20,
  perCategoryTicket: 2,
  categoryHistoryCap: 10,
  perOpenTicket: 8,
} as const;

function scoreOne(c: CandidateFacts, category: string | null): RankedCandidate {
  const w = ASSIGNMENT_WEIGHTS;
  const reasons: Coded[] = [];
  let score = 0;
  if (category && c.skills.includes(category)) {
    score += w.skillMatch;
    reasons.push(coded("assign.reason.skill", { category }));
  }
  if (c.isAccountTechnician) {
    score += w.accountTechnician;
    reasons.push(coded("assign.reason.account_technician"));
  }
  if (c.ticketsWithClient > 0) {
    score += Math.min(w.clientHistoryCap, c.ticketsWithClient * w.perClientTicket);
    reasons.push(coded("assign.reason.client_history", { count: c.ticketsWithClient }));
  }
  if (category && c.ticketsInCategory > 0) {
    score += Math.min(w.categoryHistoryCap, c.ticketsInCategory * w.perCategoryTicket);
    reasons.push(coded("assign.reason.category_history", { count: c.ticketsInCategory, category }));
  }
  score -= c.openTickets * w.perOpenTicket;
  reasons.push(
    c.openTickets === 0
      ? coded("assign.reason.no_load")
      : coded("assign.reason.load", { count: c.openTickets }),
  );
  return { id: c.id, name: c.name, score, reasons };
}

/** Best first; ties go to the lighter load, then alphabetical so the order is stable. */
export function rankCandidates(
  candidates: readonly CandidateFacts[],
  category: string | null,
): RankedCandidate[] {
  const load = new Map(candidates.map((c) => [c.id, c.openTickets]));
  return candidates
    .map((c) => scoreOne(c, category))
    .sort(
      (a, b) =>
        b.score - a.score ||
        (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) ||
        a.name.localeCompare(b.name, "es"),
    );
}
