/**
 * Which póliza covers a request (SPEC §1, service kind): a client's contract makes a request `contract`
 * only when the contract's type covers the request's category. A type covers either every category
 * («todas», the default, so installs from before coverage keep their behaviour) or a list of codes.
 */

/** A contract type's coverage: every category, or only these category codes. */
export type Coverage = "all" | readonly string[];

/** Whether a type with this coverage covers a request of this category (null: not classified yet). */
export function coversCategory(coverage: Coverage, category: string | null): boolean {
  // An unclassified request cannot be refused by coverage: it is the client's póliza until classified.
  if (category === null || coverage === "all") return true;
  return coverage.includes(category);
}

/**
 * The contract that covers the request, from the client's contracts in force in the order they are
 * preferred (the latest start first); null when none covers it, and the request is an event.
 */
export function coveringContract<C extends { coverage: Coverage }>(
  contractsInForce: readonly C[],
  category: string | null,
): C | null {
  return contractsInForce.find((c) => coversCategory(c.coverage, category)) ?? null;
}

/**
 * Coverage as stored (`contract_types.covered_categories`): null is every category, else a JSON array
 * of codes. Text that is not such an array reads as every category, today's behaviour, never a 500.
 */
export function coverageFromStored(stored: string | null): Coverage {
  if (stored === null) return "all";
  try {
    const parsed: unknown = JSON.parse(stored);
    if (Array.isArray(parsed) && parsed.every((c) => typeof c === "string")) return parsed;
  } catch {
    // falls through to "all"
  }
  return "all";
}

/** Coverage as stored: null for every category, else the codes as a JSON array (sorted, no repeats). */
export function coverageToStored(coverage: Coverage): string | null {
  return coverage === "all" ? null : JSON.stringify([...new Set(coverage)].sort());
}

/**
 * Whether a new category decides a ticket's kind again (the póliza in force at receipt that covers it,
 * else per event): not once someone set the kind by hand, with a reason, which stands until changed by
 * hand again; nor once the ticket was responded to, since its response was measured against the
 * deadline of its kind then (a later category must not make it breached after the fact).
 */
export const categoryDecidesKind = (t: { responded: boolean; kindSetByHand: boolean }): boolean =>
  !t.responded && !t.kindSetByHand;

/** What an edit's history records of its kind, beside the columns it changed (see setsKindByHand). */
export type KindMarks = { kindByCoverage?: true; kindKeptByHand?: string };

/**
 * The marks an edit's history carries so that setsKindByHand can read it later: a kind its new
 * category decided (kindByCoverage) is not one set by hand; a kind named as it already is, with its
 * reason, is kept by hand (kindKeptByHand: that kind, for the history to say).
 */
export function kindMarks(edit: {
  kindChanged: boolean;
  kindNamed: string | undefined;
  kindBefore: string;
}): KindMarks {
  if (edit.kindChanged && edit.kindNamed === undefined) return { kindByCoverage: true };
  if (edit.kindNamed !== undefined && edit.kindNamed === edit.kindBefore)
    return { kindKeptByHand: edit.kindBefore };
  return {};
}

/** Whether an edit's recorded changes set the kind by hand: changed it without coverage, or kept it. */
export const setsKindByHand = (changes: Record<string, unknown>): boolean =>
  (changes.service_kind !== undefined && !changes.kindByCoverage) || !!changes.kindKeptByHand;
