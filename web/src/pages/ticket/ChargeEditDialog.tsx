import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { FormEvent } from "react";
import { useEditCharge } from "../../api/tickets";
import { ChargeEditBody, type TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { useForm } from "../../lib/form";
import { centsToInput } from "../../lib/format";
import { ChargeFields, type ChargeValues, chargeInput } from "./ChargeFields";

type Charge = TicketDetail["charges"][number];

/** Corrects one charge, with the version it showed (a charge already invoiced is refused by the server). */
export function ChargeEditDialog({
  ticketId,
  charge,
  onClose,
}: {
  ticketId: string;
  charge: Charge;
  onClose: () => void;
}) {
  const t = useT();
  const save = useEditCharge(ticketId);
  const form = useForm<ChargeValues>(
    {
      kind: charge.kind,
      description: charge.description,
      quantity: charge.quantity,
      price: centsToInput(charge.unitPriceCents),
    },
    t,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = chargeInput(t, form);
    const body = input && form.validate(ChargeEditBody, { ...input, version: charge.version });
    if (!body) return;
    save.mutate(
      { rowId: charge.id, body },
      {
        onSuccess: () => {
          notifications.show({ color: "teal", message: t("work.corrected") });
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
      title={t("charge.editTitle")}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form onSubmit={submit} noValidate data-testid="charge-edit-form">
        <Stack>
          <Text size="sm" c="dimmed">
            {t("work.correctHint")}
          </Text>
          <ChargeFields form={form} />
          {form.formError && <Alert color="red">{form.formError}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.back")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("work.saveCorrection")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
