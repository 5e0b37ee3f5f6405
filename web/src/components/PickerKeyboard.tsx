import { MantineThemeProvider } from "@mantine/core";
import { type KeyboardEvent, type MouseEvent, type ReactNode, useMemo } from "react";
import { type Translate, useT } from "../i18n";

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
 * What the field is called, as a screen reader names it: its label (without the required mark), else
 * the input's own aria-label, else its placeholder (the queue's filters have no visible label).
 */
function fieldNameOf(button: HTMLElement): string {
  const root = button.closest(".mantine-InputWrapper-root");
  const label = root?.querySelector(".mantine-InputWrapper-label");
  const input = button
    .closest(".mantine-Input-wrapper")
    ?.querySelector<HTMLInputElement>("input:not([type='hidden'])");
  const labelText = label
    ? Array.from(label.childNodes)
        .filter((n) => !(n instanceof HTMLElement && n.classList.contains("mantine-InputWrapper-required")))
        .map((n) => n.textContent ?? "")
        .join("")
        .trim()
    : "";
  return labelText || input?.getAttribute("aria-label")?.trim() || input?.placeholder.trim() || "";
}

/**
 * Names each ✕ for the field it clears («Borrar Categoría», not a row of «Borrar»): set when the
 * button appears (a callback ref; the label is in the page by then) and again when the language
 * changes (a new theme, so a new ref).
 */
const nameClearButton = (t: Translate) => (button: HTMLButtonElement | null) => {
  if (!button) return;
  const field = fieldNameOf(button);
  button.setAttribute("aria-label", field ? t("common.clearField", { field }) : t("common.clear"));
};

/**
 * Enter in a picker's search never submits its form: with an option highlighted (arrows) Mantine
 * picks it; with none Mantine lets the key through, and a receptionist typing a category filed the
 * ticket half-written. Only while the list is open (`data-expanded`, set with the list itself;
 * `aria-expanded` waits for the list's id): closed (Escape), Enter submits.
 * The first match is not highlighted as one types (Mantine's selectFirstOptionOnChange): retyping the
 * chosen label shows the whole list and Enter would pick its first; part of it, Enter would deselect.
 */
function enterStaysInOpenList(event: KeyboardEvent<HTMLInputElement>): void {
  if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
  if (event.currentTarget.hasAttribute("data-expanded")) event.preventDefault();
}

/**
 * Keyboard defaults for every select and picker:
 * - the ✕ that clears one is reachable by keyboard (Tab, then Enter or Space) and named for screen
 *   readers after its field (nameClearButton). Mantine renders it out of the tab order and hidden from assistive technology, so a
 *   filter chosen by keyboard could not be cleared by keyboard;
 * - Enter in an open list never submits the form (enterStaysInOpenList).
 */
export function PickerKeyboard({ children }: { children: ReactNode }) {
  const t = useT();
  const theme = useMemo(() => {
    const clearButtonProps = {
      tabIndex: 0,
      "aria-hidden": false,
      "aria-label": t("common.clear"),
      ref: nameClearButton(t),
      onClick: backToField,
    };
    const picker = {
      defaultProps: { clearButtonProps, onKeyDown: enterStaysInOpenList },
    };
    return { components: { Select: picker, MultiSelect: picker, Autocomplete: picker } };
  }, [t]);
  return <MantineThemeProvider theme={theme}>{children}</MantineThemeProvider>;
}
