/**
 * Mantine's focus trap moves focus into a modal one timer tick after its content mounts. An Esc that
 * arrives inside that tick (a quick keyboard user, or a busy browser, which runs input before timers)
 * closes the modal first; the late tick then focuses a control of the closing modal, the modal
 * unmounts, and focus falls to <body>. Mantine's own return of focus ran at the close and saw nothing
 * wrong. So when a modal has finished closing with focus on <body>, focus goes back to where the user
 * was before it: past controls of dialogs that are gone, to the opener or the outer dialog's control.
 * If that element left the page too (a save that moved to another screen), focus is left alone.
 */
interface Focused {
  element: HTMLElement;
  inDialog: boolean;
}

const REMEMBERED = 8;
const recent: Focused[] = [];

function remember(event: FocusEvent): void {
  const element = event.target;
  if (!(element instanceof HTMLElement)) return;
  const known = recent.findIndex((f) => f.element === element);
  if (known >= 0) recent.splice(known, 1);
  recent.push({ element, inDialog: element.closest("[role=dialog]") !== null });
  if (recent.length > REMEMBERED) recent.shift();
}

/** Called once per page (mount): notes every element that takes focus. */
export function trackFocus(doc: Document): void {
  doc.addEventListener("focusin", remember, true);
}

function focusBeforeDialogs(): HTMLElement | null {
  for (const { element, inDialog } of recent.toReversed()) {
    if (element.isConnected) return element;
    if (!inDialog) return null;
  }
  return null;
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
      focusBeforeDialogs()?.focus({ preventScroll: true });
    }),
  );
}
