import { Alert, Button, Center, Group, Loader } from "@mantine/core";
import type { ReactNode } from "react";
import { useT } from "../i18n";
import { errorMessage } from "../lib/form";

interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  /** What an earlier load brought: kept on screen when a later refresh fails. */
  data?: unknown;
  refetch: () => unknown;
}

/**
 * Loader while the first load runs, a readable error with retry, else the children. A failed refresh
 * of data already on screen (the ticket page refreshes every 15 s) keeps the page and says above it
 * that what it shows may be out of date: a dropped connection must not take away what the user was
 * reading or typing.
 */
export function QueryState({ query, children }: { query: QueryLike; children: ReactNode }) {
  const t = useT();
  if (query.isError && query.data !== undefined) {
    return (
      <>
        <Alert color="yellow" title={t("error.staleTitle")} mb="sm" role="status">
          <Group justify="space-between">
            {errorMessage(t, query.error)}
            <Button size="xs" variant="white" onClick={() => query.refetch()}>
              {t("common.retry")}
            </Button>
          </Group>
        </Alert>
        {children}
      </>
    );
  }
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (query.isError) {
    return (
      <Alert color="red" title={t("error.title")}>
        <Group justify="space-between">
          {errorMessage(t, query.error)}
          <Button size="xs" variant="white" onClick={() => query.refetch()}>
            {t("common.retry")}
          </Button>
        </Group>
      </Alert>
    );
  }
  return <>{children}</>;
}
