import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { type TicketWarranty, useSaveWarranty, useTicketWarranty } from "../../api/credit-warranty";
import type { TicketDetail } from "../../api/tickets";
import { DateField } from "../../components/DateField";
import { QueryState } from "../../components/QueryState";
import { useT } from "../../i18n";
import { isIsoDay } from "../../lib/dayInput";
import { useForm } from "../../lib/form";
import { formatDate, formatMoney } from "../../lib/format";
import { LoansSection } from "./LoansSection";

const STATUSES = ["open", "sent", "returned", "rejected", "cancelled"] as const;
type Status = (typeof STATUSES)[number];

interface Values {
  manufacturer: string;
  model: string;
  serial: string;
  rmaNumber: string;
  sentOn: string;
  returnedOn: string;
  status: Status;
}

const initial = (w: TicketWarranty["warrantyCase"]): Values => ({
  manufacturer: w?.manufacturer ?? "",
  model: w?.model ?? "",
  serial: w?.serial ?? "",
  rmaNumber: w?.rmaNumber ?? "",
  sentOn: w?.sentOn ?? "",
  returnedOn: w?.returnedOn ?? "",
  status: w?.status ?? "open",
});

function CaseForm({
  ticketId,
  data,
  onDone,
}: {
  ticketId: string;
  data: TicketWarranty;
  onDone: () => void;
}) {
  const t = useT();
  const save = useSaveWarranty(ticketId);
  const current = data.warrantyCase;
  const form = useForm<Values>(initial(current), t);
  const text = (key: Exclude<keyof Values, "status">, label: string, placeholder?: string) => (
    <TextInput
      label={label}
      placeholder={placeholder}
      value={form.values[key]}
      onChange={(e) => form.set(key, e.currentTarget.value)}
      error={form.errors[key]}
    />
  );
  const day = (key: "sentOn" | "returnedOn", label: string) => (
    <DateField
      label={label}
      value={form.values[key]}
      onChange={(d) => form.set(key, d)}
      error={form.errors[key]}
      clearable
    />
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const v = form.values;
    const typos = (["sentOn", "returnedOn"] as const).filter((k) => v[k] !== "" && !isIsoDay(v[k]));
    if (typos.length) return form.setErrors(Object.fromEntries(typos.map((k) => [k, t("common.badDay")])));
    const body = {
      manufacturer: v.manufacturer.trim(),
      model: v.model.trim(),
      serial: v.serial.trim(),
      rmaNumber: v.rmaNumber.trim() || null,
      sentOn: v.sentOn || null,
      returnedOn: v.returnedOn || null,
      status: v.status,
      ...(current ? { version: current.version } : {}),
    };
    save.mutate(
      { create: !current, body },
      {
        onSuccess: () => {
          notifications.show({ color: "teal", message: t("warranty.saved") });
          onDone();
        },
        onError: (e) => form.showError(e),
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate data-testid="warranty-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {text("manufacturer", t("warranty.manufacturer"))}
          {text("model", t("warranty.model"))}
          {text("serial", t("warranty.serial"))}
          {text("rmaNumber", t("warranty.rma"))}
          {day("sentOn", t("warranty.sentOn"))}
          {day("returnedOn", t("warranty.returnedOn"))}
        </SimpleGrid>
        <Select
          label={t("warranty.status")}
          value={form.values.status}
          onChange={(v) => v && form.set("status", v as Status)}
          data={STATUSES.map((s) => ({ value: s, label: t(`warranty.status.${s}`) }))}
          allowDeselect={false}
          maw={260}
        />
        {form.formError && <Alert color="red">{form.formError}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t("warranty.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CaseSummary({ data }: { data: TicketWarranty }) {
  const t = useT();
  const w = data.warrantyCase;
  if (!w) return <Text c="dimmed">{t("warranty.none")}</Text>;
  return (
    <Stack gap={2} data-testid="warranty-summary">
      <Group gap="xs">
        <Text fw={500}>{`${w.manufacturer} ${w.model} · ${w.serial}`}</Text>
        <Badge>{t(`warranty.status.${w.status}`)}</Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {t("warranty.details", {
          rma: w.rmaNumber ?? "—",
          sent: w.sentOn ? formatDate(w.sentOn) : "—",
          returned: w.returnedOn ? formatDate(w.returnedOn) : "—",
        })}
      </Text>
    </Stack>
  );
}

/** The ticket's warranty case (manufacturer, RMA, dates, status) and its loaners; `editable` for who works it. */
export function WarrantyPanel({ ticket, editable }: { ticket: TicketDetail; editable: boolean }) {
  const t = useT();
  const warranty = useTicketWarranty(ticket.id);
  const [editing, setEditing] = useState(false);
  return (
    <Paper withBorder p="md" data-testid="warranty-panel">
      <Title order={3} size="h5" mb="xs">
        {t("warranty.title")}
      </Title>
      <QueryState query={warranty}>
        {warranty.data && (
          <Stack gap="sm">
            <Text size="xs" c="dimmed">
              {warranty.data.chargeable
                ? t("warranty.charged", { fee: formatMoney(warranty.data.executionFeeCents) })
                : t("warranty.free")}
            </Text>
            {editing ? (
              <CaseForm ticketId={ticket.id} data={warranty.data} onDone={() => setEditing(false)} />
            ) : (
              <Group justify="space-between" align="flex-start">
                <CaseSummary data={warranty.data} />
                {editable && (
                  <Button size="xs" variant="light" onClick={() => setEditing(true)}>
                    {t(warranty.data.warrantyCase ? "warranty.edit" : "warranty.open")}
                  </Button>
                )}
              </Group>
            )}
          </Stack>
        )}
      </QueryState>
      <LoansSection ticket={ticket} editable={editable} />
    </Paper>
  );
}

/** Mirrors the server's warranty policy: who works the ticket (the server has the last word). */
export function canHandleWarranty(roles: readonly string[], meId: string, ticket: TicketDetail): boolean {
  if (["reception", "senior", "leader", "admin"].some((r) => roles.includes(r))) return true;
  return roles.includes("technician") && ticket.assigneeId === meId;
}
