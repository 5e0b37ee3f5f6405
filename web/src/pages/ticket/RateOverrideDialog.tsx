import { Alert, Button, Group, Modal, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { FormEvent } from "react";
import { useOverrideTicketRate } from "../../api/billing";
import { useT } from "../../i18n";
import { useForm } from "../../lib/form";
import { centsToInput, parsePesos } from "../../lib/format";

interface Props {
  ticketId: string;
  /** The rate in force, to start from. */
  cents: number | null;
  onClose: () => void;
}

/** Ventas or a leader sets one ticket's hourly rate, in pesos, with a required reason. */
export function RateOverrideDialog({ ticketId, cents, onClose }: Props) {
  const t = useT();
  const save = useOverrideTicketRate(ticketId);
  const form = useForm({ hourlyRateCents: centsToInput(cents), reason: "" }, t);
  const { values, errors } = form;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const hourlyRateCents = parsePesos(values.hourlyRateCents);
    const reason = values.reason.trim();
    const problems = {
      ...(hourlyRateCents === null ? { hourlyRateCents: t("ticketRate.badAmount") } : {}),
      ...(reason ? {} : { reason: t("common.reasonRequired") }),
    };
    if (hourlyRateCents === null || !reason) return form.setErrors(problems);
    save.mutate(
      { hourlyRateCents, reason },
      {
        onSuccess: () => {
          notifications.show({ color: "teal", message: t("ticketRate.saved") });
          onClose();
        },
        onError: (e) => form.showError(e),
      },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("ticketRate.dialog")}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form onSubmit={submit} noValidate data-testid="rate-override-form">
        <Stack>
          <TextInput
            label={t("ticketRate.amount")}
            description={t("ticketRate.amountHint")}
            leftSection="$"
            data-autofocus
            value={values.hourlyRateCents}
            onChange={(e) => form.set("hourlyRateCents", e.currentTarget.value)}
            error={errors.hourlyRateCents}
            maw={240}
          />
          <Textarea
            label={t("common.reason")}
            description={t("ticketRate.reasonHint")}
            autosize
            minRows={2}
            required
            value={values.reason}
            onChange={(e) => form.set("reason", e.currentTarget.value)}
            error={errors.reason}
          />
          {form.formError && <Alert color="red">{form.formError}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.back")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("ticketRate.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
