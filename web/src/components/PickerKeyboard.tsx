import { MantineThemeProvider } from "@mantine/core";
import { type KeyboardEvent, type MouseEvent, type ReactNode, useMemo } from "react";
import { useT } from "../i18n";

/**
 * The ✕ goes away with the value it cleared: when it had the focus (keyboard use; a click leaves the
 * focus in the field), the focus goes back to that field rather than to the page.
 */
function backToField(event: MouseEvent<HTMLButtonElement>): void {
  const button = event.currentTarget;
  if (document.activeElement !== button) return;
  button
    .closest(".mantine-Input-wrapper")
    ?.querySelector<HTMLInputElement>("input:not([type='hidden'])")
    ?.focus();
}

/**
 * Enter in a picker's search never submits its form: with an option highlighted Mantine picks it;
 * with none (the words match nothing) Mantine lets the key through, and a receptionist typing a
 * category filed the ticket half-written. Only while the list is open: closed (Escape), Enter submits.
 */
function enterStaysInOpenList(event: KeyboardEvent<HTMLInputElement>): void {
  if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
  if (event.currentTarget.getAttribute("aria-expanded") === "true") event.preventDefault();
}

/**
 * Keyboard defaults for every select and picker:
 * - the ✕ that clears one is reachable by keyboard (Tab, then Enter or Space) and named for screen
 *   readers. Mantine renders it out of the tab order and hidden from assistive technology, so a
 *   filter chosen by keyboard could not be cleared by keyboard;
 * - typing in a searchable one highlights the first option that matches, so Enter picks it;
 * - Enter in an open list never submits the form (enterStaysInOpenList).
 */
export function PickerKeyboard({ children }: { children: ReactNode }) {
  const t = useT();
  const theme = useMemo(() => {
    const clearButtonProps = {
      tabIndex: 0,
      "aria-hidden": false,
      "aria-label": t("common.clear"),
      onClick: backToField,
    };
    const picker = {
      defaultProps: { clearButtonProps, selectFirstOptionOnChange: true, onKeyDown: enterStaysInOpenList },
    };
    return { components: { Select: picker, MultiSelect: picker, Autocomplete: picker } };
  }, [t]);
  return <MantineThemeProvider theme={theme}>{children}</MantineThemeProvider>;
}
