// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import "@mantine/core/styles/Combobox.layer.css";
import "@mantine/core/styles/InlineInput.layer.css";
import "@mantine/core/styles/CheckboxCard.layer.css";
import "@mantine/core/styles/CheckboxIndicator.layer.css";
import "@mantine/core/styles/Checkbox.layer.css";
import "@mantine/core/styles/Pill.layer.css";
import "@mantine/core/styles/PillsInput.layer.css";
import "@mantine/core/styles/Switch.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { Alert, Badge, Button, Group, Paper, Stack, Switch, Table, TextInput, Title } from "@mantine/core";
import type { FormEvent } from "react";
import { useSaveContractType } from "../../api/admin";
import { type ContractType, useContractTypes } from "../../api/clients";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { ContractTypeBody } from "../../contract";
import { useT } from "../../i18n";
import { errorMessage, useForm } from "../../lib/form";
import { ContractTypeCoverage } from "./ContractTypeCoverage";

function ToggleActive({ type }: { type: ContractType }) {
  const t = useT();
  const save = useSaveContractType();
  return (
    <Group gap="xs">
      <Switch
        aria-label={t("common.active")}
        checked={type.active}
        disabled={save.isPending}
        onChange={(e) => save.mutate({ code: type.code, name: type.name, active: e.currentTarget.checked })}
      />
      {save.isError && <Badge color="red">{errorMessage(t, save.error)}</Badge>}
    </Group>
  );
}

function NewType() {
  const t = useT();
  const save = useSaveContractType();
  const form = useForm({ code: "", name: "", active: true }, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.validate(ContractTypeBody, form.values);
    if (body) save.mutate(body, { onSuccess: () => form.reset(), onError: (e) => form.showError(e) });
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Title order={3} size="h5" mb="xs">
          {t("contractType.new")}
        </Title>
        <Group align="flex-start">
          <TextInput
            label={t("category.code")}
            value={form.values.code}
            onChange={(e) => form.set("code", e.currentTarget.value)}
            error={form.errors.code}
            w={120}
          />
          <TextInput
            label={t("common.name")}
            value={form.values.name}
            onChange={(e) => form.set("name", e.currentTarget.value)}
            error={form.errors.name}
          />
          <Button type="submit" mt={25} loading={save.isPending}>
            {t("common.add")}
          </Button>
        </Group>
        {form.formError && (
          <Alert color="red" mt="xs">
            {form.formError}
          </Alert>
        )}
      </form>
    </Paper>
  );
}

export default function ContractTypesPage() {
  const t = useT();
  const types = useContractTypes();
  return (
    <Stack>
      <PageHeader title={t("contractType.title")} />
      <QueryState query={types}>
        <Table maw={960}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("category.code")}</Table.Th>
              <Table.Th>{t("common.name")}</Table.Th>
              <Table.Th>{t("common.active")}</Table.Th>
              <Table.Th>{t("contractType.coverage")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(types.data?.items ?? []).map((x) => (
              <Table.Tr key={x.code}>
                <Table.Td ff="monospace">{x.code}</Table.Td>
                <Table.Td>{x.name}</Table.Td>
                <Table.Td>
                  <ToggleActive type={x} />
                </Table.Td>
                <Table.Td miw={280}>
                  {/* Keyed by version: a saved (or someone else's) coverage starts the editor afresh. */}
                  <ContractTypeCoverage key={`${x.code}-${x.version}`} type={x} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </QueryState>
      <NewType />
    </Stack>
  );
}
