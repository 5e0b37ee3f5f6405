import { lazy, Suspense, useState } from "react";
import type { TicketSummary } from "../../contract";

const AssignDialog = lazy(() => import("./AssignDialog").then((m) => ({ default: m.AssignDialog })));

/**
 * The assign dialog (a modal with the ranked candidates) loads on the first "Asignar", not with the
 * queue; once loaded it stays mounted so it can close with its transition. Mounted already open,
 * Mantine never notes its opener: focus goes back to it as every modal's does when it is left on
 * <body> (lib/focusRecovery.ts).
 */
export function LazyAssignDialog(props: { ticket: TicketSummary | null; onClose: () => void }) {
  const [wanted, setWanted] = useState(false);
  if (props.ticket && !wanted) setWanted(true);
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <AssignDialog {...props} />
    </Suspense>
  );
}
