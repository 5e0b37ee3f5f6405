// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { Alert, Button, Group, Paper, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { type NewApiToken, useCreateToken, useTokens } from "../../api/tokens";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { TokenBody } from "../../contract";
import { useT } from "../../i18n";
import { useForm } from "../../lib/form";
import { NewTokenDialog } from "./NewTokenDialog";
import { TokensTable } from "./TokensTable";

function CreateTokenForm({ onCreated }: { onCreated: (token: NewApiToken) => void }) {
  const t = useT();
  const create = useCreateToken();
  const form = useForm({ name: "" }, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.validate(TokenBody, form.values);
    if (!body) return;
    create.mutate(body, {
      onSuccess: (token) => {
        form.reset();
        onCreated(token);
      },
      onError: (e) => form.showError(e),
    });
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Group align="flex-start">
          <TextInput
            label={t("tokens.name")}
            placeholder={t("tokens.namePlaceholder")}
            value={form.values.name}
            onChange={(e) => form.set("name", e.currentTarget.value)}
            error={form.errors.name}
            style={{ flex: 1 }}
            maw={420}
          />
          <Button type="submit" mt={25} loading={create.isPending}>
            {t("tokens.create")}
          </Button>
        </Group>
        {form.formError && (
          <Alert color="red" mt="sm">
            {form.formError}
          </Alert>
        )}
      </form>
    </Paper>
  );
}

/** User menu → "Tokens de API": list, create (shown once), revoke. */
export default function TokensPage() {
  const t = useT();
  const tokens = useTokens();
  const [created, setCreated] = useState<NewApiToken | null>(null);
  return (
    <>
      <PageHeader title={t("tokens.title")} subtitle={t("tokens.subtitle")} />
      <Stack>
        <CreateTokenForm onCreated={setCreated} />
        <QueryState query={tokens}>
          <TokensTable tokens={tokens.data?.items ?? []} />
        </QueryState>
      </Stack>
      <NewTokenDialog token={created} onClose={() => setCreated(null)} />
    </>
  );
}
