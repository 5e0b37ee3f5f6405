// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/Combobox.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { Alert, Badge, Button, Group, Paper, Select, Table, Text, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useMe } from "../../api/auth";
import { type Rate, useCreateRate, useDeleteRate, useRates, useUpdateRate } from "../../api/billing";
import { useCategories } from "../../api/clients";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { WideTable } from "../../components/WideTable";
import { type MessageKey, useT } from "../../i18n";
import { errorMessage } from "../../lib/form";
import { centsToInput, formatMoney, parsePesos } from "../../lib/format";
import { hasRole } from "../../lib/roles";

const MODES = ["onsite", "office", "remote", "phone"] as const;

function RateRow({ rate, canEdit }: { rate: Rate; canEdit: boolean }) {
  const t = useT();
  const [text, setText] = useState(centsToInput(rate.hourlyRateCents));
  const update = useUpdateRate();
  const remove = useDeleteRate();
  const cents = parsePesos(text);
  return (
    <Table.Tr data-testid="rate-row">
      <Table.Td>{rate.category ?? t("rates.any")}</Table.Td>
      <Table.Td>{rate.mode ? t(`mode.${rate.mode}` as MessageKey) : t("rates.any")}</Table.Td>
      <Table.Td>
        {canEdit ? (
          <Group gap="xs" wrap="nowrap">
            <TextInput
              size="xs"
              w={120}
              value={text}
              aria-label={t("rates.hourly")}
              onChange={(e) => setText(e.currentTarget.value)}
              error={cents === null}
            />
            <Button
              size="xs"
              disabled={cents === null || cents === rate.hourlyRateCents}
              loading={update.isPending}
              onClick={() =>
                cents !== null &&
                update.mutate({ id: rate.id, hourlyRateCents: cents, version: rate.version })
              }
            >
              {t("rates.save")}
            </Button>
            <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(rate.id)}>
              {t("rates.delete")}
            </Button>
          </Group>
        ) : (
          formatMoney(rate.hourlyRateCents)
        )}
        {(update.isError || remove.isError) && (
          <Badge color="red">{errorMessage(t, update.error ?? remove.error)}</Badge>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function NewRate() {
  const t = useT();
  const categories = useCategories();
  const create = useCreateRate();
  const [category, setCategory] = useState<string | null>(null);
  const [mode, setMode] = useState<string | null>(null);
  const [text, setText] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const cents = parsePesos(text);
    if (cents === null) return;
    create.mutate({ category, mode, hourlyRateCents: cents }, { onSuccess: () => setText("") });
  };
  return (
    <Paper withBorder p="md" mb="md">
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t("rates.category")}
            placeholder={t("rates.any")}
            data={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
            value={category}
            onChange={setCategory}
            clearable
            w={200}
          />
          <Select
            label={t("rates.mode")}
            placeholder={t("rates.any")}
            data={MODES.map((m) => ({ value: m, label: t(`mode.${m}` as MessageKey) }))}
            value={mode}
            onChange={setMode}
            clearable
            w={180}
          />
          <TextInput
            label={t("rates.hourly")}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={text !== "" && parsePesos(text) === null}
            w={140}
            name="hourlyRate"
          />
          <Button type="submit" loading={create.isPending}>
            {t("rates.add")}
          </Button>
        </Group>
        {create.isError && (
          <Alert color="red" mt="sm">
            {errorMessage(t, create.error)}
          </Alert>
        )}
      </form>
    </Paper>
  );
}

export default function RatesPage() {
  const t = useT();
  const me = useMe();
  const rates = useRates();
  const canEdit = hasRole(me.data?.roles, "sales", "admin");
  const items = rates.data?.items ?? [];
  return (
    <>
      <PageHeader title={t("rates.title")} subtitle={t("rates.subtitle")} />
      {canEdit ? (
        <NewRate />
      ) : (
        <Text c="dimmed" mb="md">
          {t("rates.readOnly")}
        </Text>
      )}
      <QueryState query={rates}>
        {items.length === 0 ? (
          <Text c="dimmed" ta="center" py="lg">
            {t("rates.none")}
          </Text>
        ) : (
          <WideTable minWidth={520}>
            <Table striped data-testid="rates">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("rates.category")}</Table.Th>
                  <Table.Th>{t("rates.mode")}</Table.Th>
                  <Table.Th>{t("rates.hourly")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <RateRow key={`${r.id}-${r.version}`} rate={r} canEdit={canEdit} />
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        )}
      </QueryState>
    </>
  );
}
