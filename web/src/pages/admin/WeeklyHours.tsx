import { ActionIcon, Button, Group, Stack, Text } from "@mantine/core";
import { TimeField } from "../../components/TimeField";
import type { CalendarSettings } from "../../contract";
import { useT } from "../../i18n";

type Week = CalendarSettings["weeklyHours"];
type Day = keyof Week;
const DAYS: Day[] = [1, 2, 3, 4, 5, 6, 7];

/** Opening hours per weekday (ISO 1 = Monday), several ranges a day. */
export function WeeklyHours({
  value,
  onChange,
  errors,
}: {
  value: Week;
  onChange: (w: Week) => void;
  errors: Record<string, string>;
}) {
  const t = useT();
  const setDay = (day: Day, ranges: Week[Day]) => onChange({ ...value, [day]: ranges });
  /** The start or the end of one of a day's ranges, as typed, with its refusal if any. */
  const edge = (day: Day, i: number, which: "start" | "end") => ({
    value: value[day][i]?.[which] ?? "",
    error: errors[`weeklyHours.${day}.${i}.${which}`],
    onChange: (typed: string) =>
      setDay(
        day,
        value[day].map((r, j) => (j === i ? { ...r, [which]: typed } : r)),
      ),
  });
  return (
    <Stack gap="xs">
      {DAYS.map((day) => (
        <Group key={day} align="flex-start" wrap="nowrap">
          <Text w={100} mt={6} fw={500}>
            {t(`weekday.${day}`)}
          </Text>
          <Stack gap={4}>
            {value[day].length === 0 && (
              <Text c="dimmed" mt={6} size="sm">
                {t("calendar.closedDay")}
              </Text>
            )}
            {value[day].map((_, i) => (
              // Top-aligned: a refusal under one time field leaves the dash and × beside the fields.
              // biome-ignore lint/suspicious/noArrayIndexKey: ranges have no identity but their position
              <Group key={`${day}-${i}`} gap="xs" align="flex-start" wrap="nowrap">
                <TimeField w={90} aria-label={t("calendar.start")} {...edge(day, i, "start")} />
                <Text mt={6}>–</Text>
                <TimeField w={90} aria-label={t("calendar.end")} {...edge(day, i, "end")} />
                <ActionIcon
                  mt={4}
                  variant="subtle"
                  color="red"
                  aria-label={t("common.remove")}
                  onClick={() =>
                    setDay(
                      day,
                      value[day].filter((_, j) => j !== i),
                    )
                  }
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
          </Stack>
          <Button
            size="xs"
            variant="subtle"
            onClick={() => setDay(day, [...value[day], { start: "09:00", end: "17:00" }])}
          >
            + {t("calendar.addRange")}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}
