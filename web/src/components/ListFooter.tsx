import { Button, Group, Loader, Stack, Text } from "@mantine/core";
import { useEffect, useRef } from "react";
import { useT } from "../i18n";
import type { SearchRound } from "./searchRounds";

interface Props {
  round: SearchRound;
  hasNextPage: boolean;
  loading: boolean;
  more: () => unknown;
  /** The list no longer refreshes by itself (refreshesBySelf): say so. */
  notLive?: boolean;
}

/**
 * «Cargar más». It is disabled while the next page loads, which drops the focus to the page: pressed
 * by keyboard, the focus comes back to it once the rows are in (unless it went: no more pages).
 */
function MoreButton({ more, loading }: { more: () => unknown; loading: boolean }) {
  const t = useT();
  const ref = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  // After the render that enables it again: focusing once the page's promise settles raced that
  // render, and a still-disabled button refuses the focus.
  useEffect(() => {
    if (loading || !refocus.current) return;
    refocus.current = false;
    ref.current?.focus();
  }, [loading]);
  const load = () => {
    refocus.current = document.activeElement === ref.current;
    more();
  };
  return (
    <Button ref={ref} variant="default" onClick={load} loading={loading} data-testid="list-more">
      {t("list.more")}
    </Button>
  );
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
        <MoreButton more={more} loading={loading} />
      </Group>
      {note}
    </>
  );
}
