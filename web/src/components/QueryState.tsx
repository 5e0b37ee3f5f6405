import { Alert, Button, Center, Group, Loader } from "@mantine/core";
import type { ReactNode } from "react";
import { useT } from "../i18n";
import { errorMessage } from "../lib/form";

interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** Loader while the first load runs, a readable error with retry, else the children. */
export function QueryState({ query, children }: { query: QueryLike; children: ReactNode }) {
  const t = useT();
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
