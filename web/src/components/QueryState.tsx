import { Alert, Button, Center, Group, Loader, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { useT } from "../i18n";
import { errorMessage } from "../lib/form";
import { loadState, type QueryLike } from "../lib/loadState";

/** What a page says when the record it loads is not there, and where the user may go instead. */
export interface GoneNotice {
  title?: string;
  message: string;
  back?: { to: string; label: string };
}

/** A record that is not there (404): said plainly, with a way on; no retry, which cannot help. */
export function Gone({ notice }: { notice?: GoneNotice }) {
  const t = useT();
  return (
    <Alert color="orange" title={notice?.title ?? t("notFound.title")} data-testid="not-found">
      <Text size="sm">{notice?.message ?? t("notFound.message")}</Text>
      {notice?.back && (
        // Replace: the dead address is not worth coming Back to.
        <Button component={Link} to={notice.back.to} replace size="xs" mt="sm">
          {notice.back.label}
        </Button>
      )}
    </Alert>
  );
}

function Failed({ query, stale }: { query: QueryLike; stale: boolean }) {
  const t = useT();
  return (
    <Alert
      color={stale ? "yellow" : "red"}
      title={t(stale ? "error.staleTitle" : "error.title")}
      mb={stale ? "sm" : undefined}
      role={stale ? "status" : undefined}
    >
      <Group justify="space-between">
        {errorMessage(t, query.error)}
        <Button size="xs" variant="white" onClick={() => query.refetch()}>
          {t("common.retry")}
        </Button>
      </Group>
    </Alert>
  );
}

/**
 * Loader while the first load runs, a readable error with retry, else the children. A failed refresh
 * of data already on screen (the ticket page refreshes every 15 s) keeps the page and says above it
 * that what it shows may be out of date: a dropped connection must not take away what the user was
 * reading or typing. A record that is not there (404) says so, with `gone`'s words and way back.
 */
export function QueryState({
  query,
  gone,
  children,
}: {
  query: QueryLike;
  gone?: GoneNotice;
  children: ReactNode;
}) {
  const t = useT();
  switch (loadState(query)) {
    case "stale":
      return (
        <>
          <Failed query={query} stale />
          {children}
        </>
      );
    case "loading":
      return (
        <Center py="xl">
          <Loader aria-label={t("common.loading")} />
        </Center>
      );
    case "gone":
      return <Gone notice={gone} />;
    case "failed":
      return <Failed query={query} stale={false} />;
    default:
      return <>{children}</>;
  }
}
