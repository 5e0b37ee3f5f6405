import { DateInput, type DateInputProps } from "@mantine/dates";
import "dayjs/locale/es-mx";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n";
import { toIsoDay } from "../lib/dayInput";

type Props = Omit<DateInputProps, "value" | "onChange" | "valueFormat" | "dateParser" | "locale"> & {
  /** The day as the API keeps it (2026-12-24), "" when none, or what was typed when it is no day. */
  value: string;
  onChange: (day: string) => void;
};

/** Whether a field's value is a day the API takes (not "" nor a typo handed on as typed). */
export const isIsoDay = (value: string) => toIsoDay(value) === value;

/**
 * A calendar day, written and picked in the app's language whatever the browser's: a native date
 * input shows MM/DD/YYYY in a browser set to English though the desk reads Spanish. Typed as the desk
 * writes it (24/12/2026) or as the API keeps it (2026-12-24), or picked from the month. A typed day
 * that does not exist (31/02/2026) stays as typed, says so, and reaches `onChange` as typed, so that
 * the form refuses it instead of saving the day the field held before.
 */
export function DateField({ value, onChange, error, onBlur, ...props }: Props) {
  const { locale, t } = useI18n();
  const [typo, setTypo] = useState(false);
  // What is typed: a real day is rewritten as DD/MM/AAAA on leaving the field, a typo is left as typed.
  const [typed, setTyped] = useState("");
  // The picker holds the last real day while a typo is shown (a change of its value rewrites the text).
  const lastDay = useRef<string | null>(null);
  if (isIsoDay(value)) lastDay.current = value;
  else if (value === "") lastDay.current = null;
  useEffect(() => {
    if (value === "") setTypo(false);
  }, [value]);
  return (
    <DateInput
      value={lastDay.current}
      onChange={(day) => {
        setTypo(false);
        onChange(day ?? "");
      }}
      onBlur={(event) => {
        const text = event.currentTarget.value.trim();
        const day = text ? toIsoDay(text) : "";
        setTypo(day === null);
        if (day === null) onChange(text);
        else if (day === "" && value !== "") onChange("");
        onBlur?.(event);
      }}
      onInput={(event) => setTyped(event.currentTarget.value.trim())}
      fixOnBlur={typed === "" || toIsoDay(typed) !== null}
      error={error ?? (typo ? t("common.badDay") : undefined)}
      valueFormat="DD/MM/YYYY"
      dateParser={toIsoDay}
      locale={locale === "en" ? "en" : "es-mx"}
      placeholder={t("common.dayPlaceholder")}
      firstDayOfWeek={locale === "en" ? 0 : 1}
      {...props}
    />
  );
}
