import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { FormEvent } from "react";
import { useEditCharge } from "../../api/tickets";
import { ConflictDialog, type FormatValue } from "../../components/ConflictDialog";
import { ChargeEditBody, type TicketDetail } from "../../contract";
import { type Translate, useT } from "../../i18n";
import { useForm } from "../../lib/form";
import { centsToInput, formatMoney } from "../../lib/format";
import { ChargeFields, type ChargeValues, chargeInput } from "./ChargeFields";
import { useRowCorrection } from "./useRowCorrection";

type Charge = TicketDetail["charges"][number];
/** What a correction may change, and what the comparison of a stale one shows. */
const CORRECTED = ["kind", "description", "quantity", "unitPriceCents"] as const;
const LABELS = { kind: "charge.kind" } as const;

const valuesOf = (charge: Charge): ChargeValues => ({
  kind: charge.kind,
  description: charge.description,
  quantity: charge.quantity,
  price: centsToInput(charge.unitPriceCents),
});

const formatOf =
  (t: Translate): FormatValue =>
  (field, value) => {
    if (field === "unitPriceCents" && typeof value === "number") return formatMoney(value);
    if (field === "kind" && typeof value === "string") return t(`chargeKind.${value as Charge["kind"]}`);
    return null;
  };

/** The form and the saving of a correction, on the charge's version (a stale one opens the comparison). */
function useChargeCorrection(ticketId: string, charge: Charge, onClose: () => void) {
  const t = useT();
  const save = useEditCharge(ticketId);
  const form = useForm<ChargeValues>(valuesOf(charge), t);
  const correction = useRowCorrection({
    row: charge,
    typed: () => chargeInput(t, form),
    body: (row) =>
      form.validate(ChargeEditBody, {
        kind: row.kind,
        description: row.description,
        quantity: row.quantity,
        unitPriceCents: row.unitPriceCents,
        version: row.version,
      }),
    mutate: save.mutate,
    onSaved: () => {
      notifications.show({ color: "teal", message: t("work.corrected") });
      onClose();
    },
    onError: (e) => form.showError(e),
    refill: (current) => form.setValues(valuesOf(current)),
  });
  return { form, correction, busy: save.isPending, format: formatOf(t) };
}

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
  const { form, correction, busy, format } = useChargeCorrection(ticketId, charge, onClose);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    correction.submit();
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
            <Button type="submit" loading={busy}>
              {t("work.saveCorrection")}
            </Button>
          </Group>
        </Stack>
        <ConflictDialog
          conflict={correction.conflict}
          fields={CORRECTED}
          labels={LABELS}
          format={format}
          busy={busy}
          error={form.formError}
          onReapply={correction.reapply}
          onDiscard={correction.discard}
        />
      </form>
    </Modal>
  );
}
