import { Alert, Button, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { type FormEvent, type ReactNode, useState } from "react";
import { useAddCharge, useDeleteCharge } from "../../api/tickets";
import { DraftNotice } from "../../components/DraftNotice";
import { WideTable } from "../../components/WideTable";
import { ChargeBody, type TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { useDraft } from "../../lib/drafts";
import { useForm } from "../../lib/form";
import { formatMoney } from "../../lib/format";
import { useLeaveGuard } from "../../lib/leaveGuard";
import { ChargeEditDialog } from "./ChargeEditDialog";
import { ChargeFields, type ChargeValues, chargeInput, EMPTY_CHARGE } from "./ChargeFields";
import { RemoveWorkDialog } from "./RemoveWorkDialog";
import { WorkRowButtons } from "./WorkRowButtons";

type Charge = TicketDetail["charges"][number];
const worthKeeping = (v: ChargeValues) => v.description.trim() !== "" || v.price.trim() !== "";

function ChargeForm({ ticketId }: { ticketId: string }) {
  const t = useT();
  const add = useAddCharge(ticketId);
  const form = useForm(EMPTY_CHARGE, t);
  // A charge typed from a supplier's ticket survives a reload or an expired session, as time entries do.
  const draft = useDraft("charge", form, { initial: EMPTY_CHARGE, ticketId, worthKeeping });
  useLeaveGuard(draft.dirty);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = chargeInput(t, form);
    const body = input && form.validate(ChargeBody, input);
    if (body)
      add.mutate(body, {
        onSuccess: () => draft.clear({ ...EMPTY_CHARGE, kind: body.kind }),
        onError: (e) => form.showError(e),
      });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="charge-form">
      <Stack gap="xs">
        <DraftNotice draft={draft} />
        <ChargeFields form={form} />
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

/** The charges as a table, or on a phone as cards (a six-column table scrolled its buttons off-screen). */
function ChargeRows({ ticket, buttons }: { ticket: TicketDetail; buttons: (c: Charge) => ReactNode }) {
  const t = useT();
  const narrow = useMediaQuery("(max-width: 36em)");
  if (narrow)
    return (
      <Stack gap="xs" data-testid="charges">
        {ticket.charges.map((c) => (
          <Paper key={c.id} withBorder p="xs" data-testid="charge">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" fw={600}>
                {c.description}
              </Text>
              <Text size="sm" fw={600}>
                {formatMoney(c.amountCents)}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {t(`chargeKind.${c.kind}`)} · {c.quantity} × {formatMoney(c.unitPriceCents)}
            </Text>
            {buttons(c) && (
              <Group justify="flex-end" mt={4}>
                {buttons(c)}
              </Group>
            )}
          </Paper>
        ))}
      </Stack>
    );
  const withActions = ticket.charges.some((c) => buttons(c) !== null);
  return (
    <WideTable minWidth={520}>
      <Table data-testid="charges">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("charge.kind")}</Table.Th>
            <Table.Th>{t("charge.description")}</Table.Th>
            <Table.Th>{t("charge.quantity")}</Table.Th>
            <Table.Th>{t("charge.unitPrice")}</Table.Th>
            <Table.Th>{t("charge.amount")}</Table.Th>
            {withActions && <Table.Th>{t("common.actions")}</Table.Th>}
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
              {withActions && <Table.Td>{buttons(c)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

function ChargesTable({ ticket, editable }: { ticket: TicketDetail; editable: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState<Charge | null>(null);
  const [removing, setRemoving] = useState<Charge | null>(null);
  const remove = useDeleteCharge(ticket.id);
  // As the ticket has it now (see TimeEntries): a refusal shows, and a retry removes, the current one.
  const current = removing ? ticket.charges.find((c) => c.id === removing.id) : undefined;
  const buttons = (c: Charge) =>
    editable ? (
      <WorkRowButtons label={c.description} onEdit={() => setEditing(c)} onRemove={() => setRemoving(c)} />
    ) : null;
  return (
    <>
      <ChargeRows ticket={ticket} buttons={buttons} />
      {editing && <ChargeEditDialog ticketId={ticket.id} charge={editing} onClose={() => setEditing(null)} />}
      {current && (
        <RemoveWorkDialog
          description={t("work.removeCharge", {
            description: current.description,
            amount: formatMoney(current.amountCents),
          })}
          done={t("work.removedCharge")}
          busy={remove.isPending}
          remove={(handlers) => remove.mutate({ rowId: current.id, version: current.version }, handlers)}
          onClose={() => setRemoving(null)}
        />
      )}
    </>
  );
}

/** Extra charges never covered by a contract (consumables, spare parts, courier…), correctable until review. */
export function ChargesPanel({ ticket, editable }: { ticket: TicketDetail; editable: boolean }) {
  const t = useT();
  return (
    <Stack gap="sm">
      {ticket.charges.length === 0 ? (
        <Text c="dimmed">{t("charge.none")}</Text>
      ) : (
        // The review freezes what the ticket bills: charges are added until close, corrected until review.
        <ChargesTable
          ticket={ticket}
          editable={editable && !["reviewed", "closed", "cancelled"].includes(ticket.status)}
        />
      )}
      <Text fw={600} size="sm">
        {t("charge.total", { total: formatMoney(ticket.chargesTotalCents) })}
      </Text>
      {editable && <ChargeForm ticketId={ticket.id} />}
    </Stack>
  );
}
