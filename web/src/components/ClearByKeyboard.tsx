import { MantineThemeProvider } from "@mantine/core";
import { type MouseEvent, type ReactNode, useMemo } from "react";
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
 * The ✕ that clears a select or a picker, reachable by keyboard (Tab, then Enter or Space) and named
 * for screen readers. Mantine renders it out of the tab order and hidden from assistive technology,
 * so a filter chosen by keyboard could not be cleared by keyboard.
 */
export function ClearByKeyboard({ children }: { children: ReactNode }) {
  const t = useT();
  const theme = useMemo(() => {
    const clearButtonProps = {
      tabIndex: 0,
      "aria-hidden": false,
      "aria-label": t("common.clear"),
      onClick: backToField,
    };
    const clearable = { defaultProps: { clearButtonProps } };
    return { components: { Select: clearable, MultiSelect: clearable, Autocomplete: clearable } };
  }, [t]);
  return <MantineThemeProvider theme={theme}>{children}</MantineThemeProvider>;
}
