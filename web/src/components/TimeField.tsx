import { TextInput, type TextInputProps } from "@mantine/core";
import { useT } from "../i18n";

/**
 * A time of day as typed ("9:30", "930", "9") written the way the API keeps it ("09:30"); "24:00"
 * (the end of a day's hours) too. Anything else is left as typed, for the form's check to name.
 */
export function toHourMinute(text: string): string {
  const s = text.trim();
  const m = /^(\d{1,2})(?::?(\d{2}))?$/.exec(s);
  if (!m) return s;
  const hours = Number(m[1]);
  const minutes = Number(m[2] ?? "0");
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return s;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

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
  return (
    <TextInput
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onBlur={(event) => {
        const time = toHourMinute(event.currentTarget.value);
        if (time !== value) onChange(time);
        onBlur?.(event);
      }}
      onKeyDown={(event) => {
        // Enter first writes «930» as 09:30 (the form's check wants HH:MM); a second Enter sends it.
        const time = toHourMinute(event.currentTarget.value);
        if (event.key === "Enter" && time !== event.currentTarget.value) {
          event.preventDefault();
          onChange(time);
        }
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
