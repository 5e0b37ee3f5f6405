import { lazy, Suspense, useState } from "react";
import type { TicketSummary } from "../../contract";
import { useReturnFocus } from "../../lib/returnFocus";

const AssignDialog = lazy(() => import("./AssignDialog").then((m) => ({ default: m.AssignDialog })));

/**
 * The assign dialog (a modal with the ranked candidates) loads on the first "Asignar", not with the
 * queue; once loaded it stays mounted so it can close with its transition.
 */
export function LazyAssignDialog(props: { ticket: TicketSummary | null; onClose: () => void }) {
  const [wanted, setWanted] = useState(false);
  useReturnFocus(props.ticket !== null);
  if (props.ticket && !wanted) setWanted(true);
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <AssignDialog {...props} />
    </Suspense>
  );
}
