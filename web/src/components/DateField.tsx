import { DateInput, type DateInputProps } from "@mantine/dates";
import "dayjs/locale/es-mx";
import { useEffect, useState } from "react";
import { useI18n } from "../i18n";
import { dayTypoKey, isIsoDay, toIsoDay } from "../lib/dayInput";
import { dayOrderOf } from "../lib/format";

type Props = Omit<DateInputProps, "value" | "onChange" | "valueFormat" | "dateParser" | "locale"> & {
  /** The day as the API keeps it (2026-12-24), "" when none, or what was typed when it is no day. */
  value: string;
  onChange: (day: string) => void;
};

/**
 * A calendar day, written and picked in the app's language whatever the browser's (a native date input
 * shows MM/DD/YYYY in a browser set to English though the desk reads Spanish): typed as the desk writes
 * it (24/12/2026; 12/24/2026 in English) or as the API keeps it (2026-12-24), or picked from the month.
 *
 * What is typed and is no day (31/02/2026, a year past the API's range) reaches `onChange` as typed at
 * once, so that a form sent with Enter refuses it instead of saving the day the field held before; the
 * field says so when left, or when the form's own check refuses it.
 */
export function DateField({ value, onChange, error, onBlur, ...props }: Props) {
  const { locale, t } = useI18n();
  const order = dayOrderOf(locale);
  const parse = (text: string) => toIsoDay(text, order);
  /** The text in the field when it is no day (null when it is one, or empty). */
  const [typo, setTypo] = useState<string | null>(null);
  /** Whether the field has said the typo is no day (on leaving it). */
  const [told, setTold] = useState(false);
  const forget = () => {
    setTypo(null);
    setTold(false);
  };
  // A day set from outside (a reset, a new report range) or another language replaces any typo.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the value or the language change
  useEffect(() => {
    if (value === "" || isIsoDay(value)) forget();
  }, [value, locale]);
  // While a typo shows, the picker holds no day: none is highlighted to be unpicked, and a pick rewrites it.
  const day = typo === null && isIsoDay(value) ? value : null;
  return (
    <DateInput
      value={day}
      onChange={(picked) => {
        forget();
        onChange(picked ?? "");
      }}
      onInput={(event) => {
        const text = event.currentTarget.value.trim();
        if (text !== "" && parse(text) === null) {
          setTypo(text);
          onChange(text);
        } else {
          forget();
          if (text === "" && value !== "") onChange("");
        }
      }}
      onBlur={(event) => {
        setTold(typo !== null);
        onBlur?.(event);
      }}
      fixOnBlur={typo === null}
      allowDeselect={false}
      error={typo !== null && (told || error) ? t(dayTypoKey(typo, order)) : error}
      valueFormat={order === "dmy" ? "DD/MM/YYYY" : "MM/DD/YYYY"}
      dateParser={parse}
      locale={locale === "en" ? "en" : "es-mx"}
      placeholder={t("common.dayPlaceholder")}
      firstDayOfWeek={locale === "en" ? 0 : 1}
      clearButtonProps={{ "aria-label": t("common.clearDay") }}
      // The open calendar's arrows are icons: without these a screen reader hears two unnamed buttons.
      ariaLabels={{
        previousMonth: t("common.previousMonth"),
        nextMonth: t("common.nextMonth"),
        previousYear: t("common.previousYear"),
        nextYear: t("common.nextYear"),
        previousDecade: t("common.previousDecade"),
        nextDecade: t("common.nextDecade"),
      }}
      // Escape closes the calendar, not the dialog the field is in (and what was typed in it).
      data-mantine-stop-propagation
      {...props}
    />
  );
}
