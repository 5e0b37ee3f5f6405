import { Box, Group, Text } from "@mantine/core";

/** One bar series of a chart: its label and colour (a Mantine colour variable). */
export interface Series {
  key: string;
  label: string;
  color: string;
}

/**
 * Grouped horizontal bars drawn with plain elements (@mantine/charts is not installed; see
 * NEEDS_MANTINE_CHARTS): readable on a phone, each value written next to its bar.
 */
export function BarChart({
  rows,
  series,
  label,
  testId,
}: {
  rows: { label: string; values: Record<string, number | null> }[];
  series: Series[];
  label: string;
  testId?: string;
}) {
  const max = Math.max(1, ...rows.flatMap((r) => series.map((s) => r.values[s.key] ?? 0)));
  return (
    <Box role="figure" aria-label={label} data-testid={testId ?? "report-chart"} mb="md">
      <Group gap="md" mb="xs">
        {series.map((s) => (
          <Group key={s.key} gap={4}>
            <Box w={12} h={12} bg={s.color} style={{ borderRadius: 2 }} />
            <Text size="xs">{s.label}</Text>
          </Group>
        ))}
      </Group>
      {rows.map((r) => (
        <Box key={r.label} mb={6}>
          <Text size="xs" fw={500}>
            {r.label}
          </Text>
          {series.map((s) => {
            const v = r.values[s.key] ?? 0;
            return (
              <Group key={s.key} gap={6} wrap="nowrap">
                <Box
                  data-bar={s.key}
                  h={10}
                  bg={s.color}
                  style={{ width: `${(v / max) * 85}%`, minWidth: v > 0 ? 2 : 0, borderRadius: 2 }}
                />
                <Text size="xs" c="dimmed">
                  {r.values[s.key] ?? "—"}
                </Text>
              </Group>
            );
          })}
        </Box>
      ))}
    </Box>
  );
}
