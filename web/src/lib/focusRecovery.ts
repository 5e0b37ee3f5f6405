/**
 * Mantine's focus trap moves focus into a modal one timer tick after its content mounts. An Esc that
 * arrives inside that tick (a quick keyboard user, or a busy browser, which runs input before timers)
 * closes the modal first; the late tick then focuses a control of the closing modal, the modal
 * unmounts, and focus falls to <body>. Mantine's own return of focus ran at the close and saw nothing
 * wrong. So when a modal has finished closing with focus on <body>, focus goes back to the element it
 * came from as it last entered a dialog: the opener, or the outer dialog's control. Nothing else: a
 * modal opened from no focused element (a click on a table row) leaves focus where Mantine put it.
 */
let cameFrom: HTMLElement | null = null;

function noteEntry(event: FocusEvent): void {
  const dialog = event.target instanceof Element ? event.target.closest("[role=dialog]") : null;
  if (!dialog) return;
  const from = event.relatedTarget;
  if (from instanceof Node && dialog.contains(from)) return; // moving within the same dialog
  cameFrom = from instanceof HTMLElement ? from : null;
}

/** Called once per page (mount): notes where focus came from whenever it enters a dialog. */
export function trackFocus(doc: Document): void {
  doc.addEventListener("focusin", noteEntry, true);
}

/**
 * A modal's exit transition ended. Its content leaves the page in a render React schedules next, so
 * the check waits a frame: until then a control of the closing modal may still hold focus.
 */
export function recoverFocusAfterModal(): void {
  requestAnimationFrame(() =>
    setTimeout(() => {
      const active = document.activeElement;
      if (active && active !== document.body) return;
      if (cameFrom?.isConnected) cameFrom.focus({ preventScroll: true });
    }),
  );
}
