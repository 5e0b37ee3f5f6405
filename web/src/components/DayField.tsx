import { TextInput, type TextInputProps } from "@mantine/core";
import { useT } from "../i18n";
import { showDay, toIsoDay } from "../lib/dayInput";

/**
 * A calendar day typed as the desk writes it (DD/MM/AAAA; an ISO day pasted in is taken too) and
 * handed on as the API's ISO day. `value` is what is typed; `dayOrError` turns it into the ISO day.
 */
export function DayField(props: Omit<TextInputProps, "placeholder">) {
  const t = useT();
  return <TextInput placeholder={t("common.dayPlaceholder")} inputMode="numeric" {...props} />;
}

/** The typed text as an ISO day, null when blank, or "invalid" when it is not a day. */
export function typedDay(text: string): string | null | "invalid" {
  if (!text.trim()) return null;
  return toIsoDay(text) ?? "invalid";
}

/** A stored ISO day as the field shows it. */
export const dayForField = (iso: string | null | undefined) => (iso ? showDay(iso) : "");
