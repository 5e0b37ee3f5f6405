import { Paper, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { PageHeader } from "./PageHeader";
import { QueryState } from "./QueryState";

interface SettingQuery<T> {
  data: T | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * An admin page for one setting: its title, what it changes, and its form once the setting is read
 * (keyed by the setting's version, so a save or someone else's change starts the form afresh).
 */
export function SettingPage<T extends { version: number }>(props: {
  title: string;
  explain: string;
  query: SettingQuery<T>;
  form: (setting: T) => ReactNode;
}) {
  const { data } = props.query;
  return (
    <Stack>
      <PageHeader title={props.title} />
      <Paper withBorder p="md" maw={560}>
        <Text size="sm" c="dimmed" mb="sm">
          {props.explain}
        </Text>
        <QueryState query={props.query}>
          {data && <Stack key={data.version}>{props.form(data)}</Stack>}
        </QueryState>
      </Paper>
    </Stack>
  );
}
