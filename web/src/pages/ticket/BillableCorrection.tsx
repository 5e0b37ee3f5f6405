import { Alert, Button, Group, NumberInput, Paper, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { FormEvent } from "react";
import { usePatchTicket } from "../../api/tickets";
import { ConflictDialog } from "../../components/ConflictDialog";
import { type Ticket, type TicketDetail, TicketPatchBody } from "../../contract";
import { useT } from "../../i18n";
import { useEditConflict } from "../../lib/conflict";
import { useForm } from "../../lib/form";
import { formatMinutes } from "../../lib/format";

function useBillableForm(ticket: TicketDetail) {
  const t = useT();
  const patch = usePatchTicket(ticket.id);
  const form = useForm({ minutes: ticket.billableMinutes as number | string, reason: "" }, t);
  const edit = useEditConflict<Ticket>();
  const send = (mine: Record<string, unknown>, from: Ticket) =>
    patch.mutate(
      { ...mine, reason: form.values.reason.trim(), version: from.version },
      {
        onSuccess: () => {
          edit.close();
          form.set("reason", "");
          notifications.show({ color: "teal", message: t("billable.saved") });
        },
        onError: (e) => {
          if (!edit.caught(e, from, mine)) form.showError(e);
        },
      },
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { minutes, reason } = form.values;
    if (minutes === "") return form.setErrors({ billableMinutes: t("common.required") });
    if (!reason.trim()) return form.setErrors({ reason: t("common.reasonRequired") });
    const body = form.validate(TicketPatchBody, { billableMinutes: Number(minutes), reason: reason.trim() });
    if (body) send({ billableMinutes: body.billableMinutes }, ticket);
  };
  const discard = () => {
    if (edit.conflict) form.setValues({ minutes: edit.conflict.current.billableMinutes, reason: "" });
    edit.close();
  };
  return { form, submit, busy: patch.isPending, edit, send, discard };
}

/** Senior (or admin): correct the billable minutes fixed at review, with a reason kept in the history. */
export function BillableCorrection({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const { form, submit, busy, edit, send, discard } = useBillableForm(ticket);
  const { values, errors } = form;
  return (
    <Paper withBorder p="md" data-testid="billable-correction">
      <form onSubmit={submit} noValidate>
        <Title order={3} size="h5" mb={4}>
          {t("billable.title")}
        </Title>
        <Text size="xs" c="dimmed" mb="sm">
          {t("billable.hint", { time: formatMinutes(ticket.billableMinutes) })}
        </Text>
        <Group align="flex-start">
          <NumberInput
            label={t("billable.minutes")}
            min={0}
            max={1_000_000}
            // A decimal stays typed for «Minutos enteros» to refuse it: allowDecimal={false} dropped the
            // point and «1.5» was billed as 15 minutes.
            value={values.minutes}
            onChange={(v) => form.set("minutes", v)}
            error={errors.billableMinutes}
            w={180}
          />
          <TextInput
            label={t("common.reason")}
            value={values.reason}
            onChange={(e) => form.set("reason", e.currentTarget.value)}
            error={errors.reason}
            style={{ flex: 1 }}
          />
          <Button type="submit" variant="light" mt={25} loading={busy}>
            {t("billable.save")}
          </Button>
        </Group>
        {form.formError && (
          <Alert color="red" mt="sm">
            {form.formError}
          </Alert>
        )}
      </form>
      <ConflictDialog
        conflict={edit.conflict}
        fields={["billableMinutes"]}
        busy={busy}
        error={form.formError}
        onReapply={() => edit.conflict && send(edit.conflict.mine, edit.conflict.current)}
        onDiscard={discard}
      />
    </Paper>
  );
}
