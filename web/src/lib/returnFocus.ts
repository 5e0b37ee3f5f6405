import { useEffect, useRef } from "react";

/**
 * Gives focus back to the element that opened a dialog when it closes. Mantine's modal notes that
 * element only when `opened` changes after it mounted, so a modal that mounts already open (the assign
 * dialog, loaded on its first «Asignar») never learned it and Esc left focus on <body>. The opener is
 * noted in the opening render's effects: the modal's focus trap moves focus a tick later.
 */
export function useReturnFocus(opened: boolean): void {
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (opened) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      return;
    }
    const target = opener.current;
    opener.current = null;
    if (target?.isConnected) target.focus({ preventScroll: true });
  }, [opened]);
}
