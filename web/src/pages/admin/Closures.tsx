import { ActionIcon, Button, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { type ChangeEvent, useState } from "react";
import { DateField } from "../../components/DateField";
import { TimeField } from "../../components/TimeField";
import { type CalendarSettings, ClosureSchema } from "../../contract";
import { useT } from "../../i18n";
import { checkErrors } from "../../lib/form";
import { formatDate } from "../../lib/format";
import { useLeaveGuard } from "../../lib/leaveGuard";

type Closure = CalendarSettings["closures"][number];
const EMPTY = { date: "", from: "", to: "", reason: "" };

/** Extra closures (whole days or part of a day) on top of weekends and statutory holidays. */
export function Closures({ value, onChange }: { value: Closure[]; onChange: (c: Closure[]) => void }) {
  const t = useT();
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // A closure typed but not yet added is unsaved work too.
  useLeaveGuard(Object.values(draft).some((v) => v.trim() !== ""));
  const add = () => {
    const input = {
      date: draft.date,
      reason: draft.reason,
      from: draft.from || undefined,
      to: draft.to || undefined,
    };
    const parsed = ClosureSchema.safeParse(input);
    if (!parsed.success) return setErrors(checkErrors(t, parsed.error.issues, input));
    setErrors({});
    onChange([...value, parsed.data].sort((a, b) => a.date.localeCompare(b.date)));
    setDraft(EMPTY);
  };
  const field = (key: keyof typeof EMPTY) => ({
    value: draft[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [key]: e.currentTarget.value }),
    error: errors[key],
  });
  const time = (key: "from" | "to") => ({
    value: draft[key],
    onChange: (typed: string) => setDraft({ ...draft, [key]: typed }),
    error: errors[key],
  });
  return (
    <Stack gap="xs">
      {value.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t("calendar.noClosures")}
        </Text>
      ) : (
        <Table>
          <Table.Tbody>
            {value.map((c, i) => (
              <Table.Tr key={`${c.date}-${c.from ?? ""}-${c.reason}`}>
                <Table.Td>{formatDate(c.date)}</Table.Td>
                <Table.Td>{c.from && c.to ? `${c.from}–${c.to}` : t("calendar.allDay")}</Table.Td>
                <Table.Td>{c.reason}</Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t("common.remove")}
                    onClick={() => onChange(value.filter((_, j) => j !== i))}
                  >
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {/* Enter in the row adds the closure (not the calendar's own form, which would save without it). */}
      <Group
        align="flex-start"
        gap="xs"
        onKeyDown={(event) => {
          if (event.key !== "Enter" || event.defaultPrevented) return;
          event.preventDefault();
          add();
        }}
      >
        <DateField
          label={t("calendar.date")}
          value={draft.date}
          onChange={(date) => {
            setDraft({ ...draft, date });
            setErrors(({ date: _, ...rest }) => rest);
          }}
          error={errors.date}
        />
        <TimeField w={150} label={t("calendar.from")} {...time("from")} />
        <TimeField w={150} label={t("calendar.to")} {...time("to")} />
        <TextInput label={t("common.reason")} {...field("reason")} />
        <Button mt={25} variant="light" onClick={add}>
          {t("common.add")}
        </Button>
      </Group>
    </Stack>
  );
}
