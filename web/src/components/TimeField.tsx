import { TextInput, type TextInputProps } from "@mantine/core";
import { useT } from "../i18n";
import { toHourMinute } from "../lib/dayInput";

type Props = Omit<TextInputProps, "value" | "onChange" | "placeholder"> & {
  /** "HH:MM" (24 hours), "" when none, or what is being typed. */
  value: string;
  onChange: (time: string) => void;
};

/**
 * A time of day on the 24-hour clock the desk and Mesa's screens use, whatever the browser's language
 * (a native time input shows «10:30 p. m.» or «AM/PM» beside days written DD/MM/AAAA).
 */
export function TimeField({ value, onChange, onBlur, onKeyDown, ...props }: Props) {
  const t = useT();
  /** Writes what is typed as HH:MM; whether that changed the text. */
  const settle = (text: string) => {
    const time = toHourMinute(text);
    if (time !== value) onChange(time);
    return time !== text;
  };
  return (
    <TextInput
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onBlur={(event) => {
        settle(event.currentTarget.value);
        onBlur?.(event);
      }}
      onKeyDown={(event) => {
        // Enter first writes «930» as 09:30 (the form's check wants HH:MM); a second Enter sends it.
        if (event.key === "Enter" && settle(event.currentTarget.value)) event.preventDefault();
        onKeyDown?.(event);
      }}
      placeholder={t("common.timePlaceholder")}
      inputMode="numeric"
      autoComplete="off"
      maxLength={5}
      {...props}
    />
  );
}
