// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/Table.layer.css";
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import type { FormEvent } from "react";
import { useMe } from "../../api/auth";
import {
  type Loaner,
  useAddLoaner,
  useLoaners,
  useOverdueLoans,
  useReturnLoaner,
} from "../../api/credit-warranty";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { WideTable } from "../../components/WideTable";
import { useT } from "../../i18n";
import { errorMessage, useForm } from "../../lib/form";
import { formatDate } from "../../lib/format";
import { hasRole } from "../../lib/roles";

const STATE_COLOR = { available: "teal", lent: "blue", repair: "orange", retired: "gray" } as const;

function NewLoaner() {
  const t = useT();
  const add = useAddLoaner();
  const form = useForm({ equipment: "", serial: "" }, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { equipment, serial } = form.values;
    if (!equipment.trim() || !serial.trim())
      return form.setErrors({ equipment: t("errcode.field_required") });
    add.mutate(
      { equipment: equipment.trim(), serial: serial.trim() },
      { onSuccess: () => form.reset(), onError: (e) => form.showError(e) },
    );
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Title order={3} size="h5" mb="xs">
          {t("loaner.new")}
        </Title>
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t("loaner.equipment")}
            value={form.values.equipment}
            onChange={(e) => form.set("equipment", e.currentTarget.value)}
            error={form.errors.equipment}
          />
          <TextInput
            label={t("loaner.serial")}
            value={form.values.serial}
            onChange={(e) => form.set("serial", e.currentTarget.value)}
            error={form.errors.serial}
          />
          <Button type="submit" mt={25} loading={add.isPending}>
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

export function ReturnButton({ loanerId }: { loanerId: string }) {
  const t = useT();
  const back = useReturnLoaner();
  return (
    <Group gap="xs">
      <Button size="xs" variant="light" loading={back.isPending} onClick={() => back.mutate({ loanerId })}>
        {t("loaner.return")}
      </Button>
      {back.isError && (
        <Text c="red" size="sm">
          {errorMessage(t, back.error)}
        </Text>
      )}
    </Group>
  );
}

function LoanerRow({ l }: { l: Loaner }) {
  const t = useT();
  const loan = l.currentLoan;
  return (
    <Table.Tr data-testid="loaner-row">
      <Table.Td>{l.equipment}</Table.Td>
      <Table.Td ff="monospace">{l.serial}</Table.Td>
      <Table.Td>
        <Badge color={STATE_COLOR[l.state]} data-testid="loaner-state">
          {t(`loaner.state.${l.state}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        {loan && (
          <Text size="sm" c={loan.overdue ? "red" : undefined}>
            {t("loaner.lentTo", { client: loan.clientName, folio: loan.folio, due: formatDate(loan.dueOn) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{loan && <ReturnButton loanerId={l.id} />}</Table.Td>
    </Table.Tr>
  );
}

function Overdue() {
  const t = useT();
  const overdue = useOverdueLoans();
  const items = overdue.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert color="red" title={t("loaner.overdue.title")} data-testid="loans-overdue">
      {items.map((l) => (
        <Text key={l.id} size="sm">
          {t("loaner.overdue.item", {
            equipment: l.equipment,
            client: l.clientName,
            folio: l.folio,
            due: formatDate(l.dueOn),
          })}
        </Text>
      ))}
    </Alert>
  );
}

/** Loaner inventory (seed §1.1: spare equipment on total failure, contract clients): lent, back, overdue. */
export default function LoanersPage() {
  const t = useT();
  const loaners = useLoaners();
  const canManage = hasRole(useMe().data?.roles, "leader", "senior", "admin");
  return (
    <Stack>
      <PageHeader title={t("loaner.title")} subtitle={t("loaner.subtitle")} />
      <Overdue />
      <QueryState query={loaners}>
        {loaners.data?.items.length === 0 ? (
          <Text c="dimmed">{t("loaner.none")}</Text>
        ) : (
          <WideTable minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("loaner.equipment")}</Table.Th>
                  <Table.Th>{t("loaner.serial")}</Table.Th>
                  <Table.Th>{t("loaner.stateLabel")}</Table.Th>
                  <Table.Th>{t("loaner.loan")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {loaners.data?.items.map((l) => (
                  <LoanerRow key={l.id} l={l} />
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        )}
      </QueryState>
      {canManage && <NewLoaner />}
    </Stack>
  );
}
