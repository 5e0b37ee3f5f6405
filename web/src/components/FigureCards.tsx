import { Paper, SimpleGrid, Text } from "@mantine/core";
import { type MessageKey, useT } from "../i18n";

/**
 * A row of figures, each a small card with its label above its value (the hour bank's, the unbilled
 * work's): each value is named by its label's key (`data-testid`).
 */
export function FigureCards({
  figures,
  cols,
  testId,
}: {
  figures: readonly (readonly [label: MessageKey, value: string])[];
  cols: { base: number; xs?: number; sm?: number };
  testId?: string;
}) {
  const t = useT();
  return (
    <SimpleGrid cols={cols} mb="sm" data-testid={testId}>
      {figures.map(([label, value]) => (
        <Paper key={label} withBorder p="xs">
          <Text size="xs" c="dimmed">
            {t(label)}
          </Text>
          <Text fw={600} data-testid={label}>
            {value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
