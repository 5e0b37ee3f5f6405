import { SimpleGrid, Text } from "@mantine/core";
import { DateField } from "../../components/DateField";
import { TimeField } from "../../components/TimeField";
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
        <TimeField
          label={t("time.start")}
          value={value.start}
          onChange={(start) => onChange({ start })}
          error={errors.startedAt}
          data-testid="time-start"
        />
        <TimeField
          label={t("time.end")}
          value={value.end}
          onChange={(end) => onChange({ end })}
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
