import { SimpleGrid, Text, TextInput } from "@mantine/core";
import { DateField } from "../../components/DateField";
import { useT } from "../../i18n";
import type { FieldErrors } from "../../lib/form";
import { displayTimeZone } from "../../lib/format";
import { zoneLabel } from "../../lib/zones";
import type { RangeValues } from "./timeRange";

/** Date, start and end times of an activity, in the business calendar's zone. */
export function TimeRangeFields({
  value,
  errors,
  onChange,
}: {
  value: RangeValues;
  errors: FieldErrors;
  onChange: (patch: Partial<RangeValues>) => void;
}) {
  const t = useT();
  return (
    <div data-testid="time-range">
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <DateField
          label={t("time.date")}
          value={value.date}
          onChange={(date) => onChange({ date })}
          error={errors.date}
          data-testid="time-date"
        />
        <TextInput
          type="time"
          label={t("time.start")}
          value={value.start}
          onChange={(e) => onChange({ start: e.currentTarget.value })}
          error={errors.startedAt}
          data-testid="time-start"
        />
        <TextInput
          type="time"
          label={t("time.end")}
          value={value.end}
          onChange={(e) => onChange({ end: e.currentTarget.value })}
          error={errors.endedAt}
          data-testid="time-end"
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt={4}>
        {t("time.zoneHint", { zone: zoneLabel(displayTimeZone(), t.locale) })}
      </Text>
    </div>
  );
}
