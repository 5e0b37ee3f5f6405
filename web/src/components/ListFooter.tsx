import { Button, Group, Loader, Stack, Text } from "@mantine/core";
import { useT } from "../i18n";
import type { SearchRound } from "./searchRounds";

interface Props {
  round: SearchRound;
  hasNextPage: boolean;
  loading: boolean;
  more: () => void;
  /** The list no longer refreshes by itself (refreshesBySelf): say so. */
  notLive?: boolean;
}

/**
 * Below a ticket list: "Cargar más" for ordinary pages; for a search cut short (searchRounds.ts),
 * that it is still searching and how far, or why it stopped and a button to go on.
 */
export function ListFooter({ round, hasNextPage, loading, more, notLive = false }: Props) {
  const t = useT();
  if (round.state === "searching") {
    return (
      <Group justify="center" gap="xs" mt="md" role="status" data-testid="search-progress">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          {t("list.searching", { checked: round.checked })}
        </Text>
      </Group>
    );
  }
  if (round.state === "paused") {
    return (
      <Stack align="center" gap="xs" mt="md" py="md" data-testid="search-paused">
        <Text size="sm" c="dimmed" ta="center" maw={560} role="status">
          {t("list.searchPaused", { checked: round.checked })}
        </Text>
        <Button variant="default" onClick={more} loading={loading}>
          {t("list.searchOn")}
        </Button>
      </Stack>
    );
  }
  const note = notLive && (
    <Text size="sm" c="dimmed" ta="center" mt="md" data-testid="search-not-live">
      {t("list.notLive")}
    </Text>
  );
  if (!hasNextPage) return note || null;
  return (
    <>
      <Group justify="center" mt="md">
        <Button variant="default" onClick={more} loading={loading}>
          {t("list.more")}
        </Button>
      </Group>
      {note}
    </>
  );
}
