import {
  Alert,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import type { FormEvent } from "react";
import { useAddCharge } from "../../api/tickets";
import { DraftNotice } from "../../components/DraftNotice";
import { ChargeBody, ChargeKind, type TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { useDraft } from "../../lib/drafts";
import { useForm } from "../../lib/form";
import { formatMoney, parsePesos } from "../../lib/format";
import { useLeaveGuard } from "../../lib/leaveGuard";

type Kind = (typeof ChargeKind.options)[number];
const EMPTY = { kind: "consumable" as Kind, description: "", quantity: 1 as number | string, price: "" };
const worthKeeping = (v: typeof EMPTY) => v.description.trim() !== "" || v.price.trim() !== "";

function ChargeForm({ ticketId }: { ticketId: string }) {
  const t = useT();
  const add = useAddCharge(ticketId);
  const form = useForm(EMPTY, t);
  // A charge typed from a supplier's ticket survives a reload or an expired session, as time entries do.
  const draft = useDraft("charge", form, { initial: EMPTY, ticketId, worthKeeping });
  useLeaveGuard(draft.dirty);
  const { values, errors } = form;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cents = parsePesos(values.price);
    if (cents === null) return form.setErrors({ unitPriceCents: t("charge.badPrice") });
    const body = form.validate(ChargeBody, {
      kind: values.kind,
      description: values.description,
      quantity: Number(values.quantity),
      unitPriceCents: cents,
    });
    if (body)
      add.mutate(body, {
        onSuccess: () => draft.clear({ ...EMPTY, kind: body.kind }),
        onError: (e) => form.showError(e),
      });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="charge-form">
      <Stack gap="xs">
        <DraftNotice draft={draft} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t("charge.kind")}
            data={ChargeKind.options.map((k) => ({ value: k, label: t(`chargeKind.${k}`) }))}
            value={values.kind}
            onChange={(v) => v && form.set("kind", v as Kind)}
            allowDeselect={false}
          />
          <TextInput
            label={t("charge.description")}
            value={values.description}
            onChange={(e) => form.set("description", e.currentTarget.value)}
            error={errors.description}
          />
          <NumberInput
            label={t("charge.quantity")}
            min={1}
            allowDecimal={false}
            value={values.quantity}
            onChange={(v) => form.set("quantity", v)}
            error={errors.quantity}
          />
          <TextInput
            label={t("charge.unitPrice")}
            placeholder="0.00"
            leftSection="$"
            value={values.price}
            onChange={(e) => form.set("price", e.currentTarget.value)}
            error={errors.unitPriceCents}
          />
        </SimpleGrid>
        {form.formError && <Alert color="red">{form.formError}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={add.isPending}>
            {t("charge.add")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Extra charges never covered by a contract (consumables, spare parts, courier…). */
export function ChargesPanel({ ticket, editable }: { ticket: TicketDetail; editable: boolean }) {
  const t = useT();
  return (
    <Stack gap="sm">
      {ticket.charges.length === 0 ? (
        <Text c="dimmed">{t("charge.none")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table data-testid="charges">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("charge.kind")}</Table.Th>
                <Table.Th>{t("charge.description")}</Table.Th>
                <Table.Th>{t("charge.quantity")}</Table.Th>
                <Table.Th>{t("charge.unitPrice")}</Table.Th>
                <Table.Th>{t("charge.amount")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ticket.charges.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{t(`chargeKind.${c.kind}`)}</Table.Td>
                  <Table.Td>{c.description}</Table.Td>
                  <Table.Td>{c.quantity}</Table.Td>
                  <Table.Td>{formatMoney(c.unitPriceCents)}</Table.Td>
                  <Table.Td>{formatMoney(c.amountCents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text fw={600} size="sm">
        {t("charge.total", { total: formatMoney(ticket.chargesTotalCents) })}
      </Text>
      {editable && <ChargeForm ticketId={ticket.id} />}
    </Stack>
  );
}
