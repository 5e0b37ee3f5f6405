import { useEffect, useId } from "react";

/**
 * The forms with unsaved changes on screen. A router supports one blocker at a time, so every form
 * registers here and the single <LeaveGuardDialog> asks before an in-app navigation.
 */
const dirtyForms = new Set<string>();

export function hasUnsavedChanges(): boolean {
  return dirtyForms.size > 0;
}

function onBeforeUnload(event: BeforeUnloadEvent): void {
  event.preventDefault();
  // Older Chromium shows the prompt only when returnValue is set.
  event.returnValue = "";
}

/** While `dirty`, reloading or closing the tab and navigating within the app ask first. */
export function useLeaveGuard(dirty: boolean): void {
  const id = useId();
  useEffect(() => {
    if (!dirty) return;
    dirtyForms.add(id);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      dirtyForms.delete(id);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [dirty, id]);
}
