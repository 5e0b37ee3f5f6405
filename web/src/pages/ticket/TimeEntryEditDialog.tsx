import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { FormEvent } from "react";
import { useEditTimeEntry } from "../../api/tickets";
import { ConflictDialog, type FormatValue } from "../../components/ConflictDialog";
import { AttentionMode, type TicketDetail, TimeEntryEditBody } from "../../contract";
import { type Translate, useT } from "../../i18n";
import { useForm } from "../../lib/form";
import { formatMinutes } from "../../lib/format";
import { useRowCorrection } from "./useRowCorrection";

type Entry = TicketDetail["timeEntries"][number];
/** What a correction may change, and what the comparison of a stale one shows. */
const CORRECTED = ["minutes", "mode", "activity"] as const;

/**
 * The minutes, mode and activity as they should read. An entry logged by start and end keeps its
 * start: new minutes move its end, so it stays on its day and in its place in the list.
 */
function timing(entry: Entry, minutes: number) {
  if (!entry.startedAt) return { minutes };
  const end = new Date(Date.parse(entry.startedAt) + minutes * 60_000).toISOString();
  return { startedAt: entry.startedAt, endedAt: end };
}

const valuesOf = (entry: Entry) => ({
  minutes: entry.minutes as number | string,
  mode: entry.mode,
  activity: entry.activity,
});

const formatOf =
  (t: Translate): FormatValue =>
  (field, value) => {
    if (field === "minutes" && typeof value === "number") return formatMinutes(value);
    if (field === "mode" && typeof value === "string") return t(`mode.${value as Entry["mode"]}`);
    return null;
  };

/** The form and the saving of a correction, on the entry's version (a stale one opens the comparison). */
function useEntryCorrection(ticketId: string, entry: Entry, onClose: () => void) {
  const t = useT();
  const save = useEditTimeEntry(ticketId);
  const form = useForm(valuesOf(entry), t);
  const { values } = form;
  const correction = useRowCorrection({
    row: entry,
    typed: () => ({ minutes: Number(values.minutes), mode: values.mode, activity: values.activity }),
    body: (row) =>
      form.validate(TimeEntryEditBody, {
        ...timing(row, row.minutes),
        mode: row.mode,
        activity: row.activity,
        version: row.version,
      }),
    mutate: save.mutate,
    onSaved: () => {
      notifications.show({ color: "teal", message: t("work.corrected") });
      onClose();
    },
    onError: (e) => form.showError(e, (key) => (key === "endedAt" ? "minutes" : key)),
    refill: (current) => form.setValues(valuesOf(current)),
  });
  return { form, correction, busy: save.isPending, format: formatOf(t) };
}

/** Corrects one time entry (the technician's own, or any for a senior) with the version it showed. */
export function TimeEntryEditDialog({
  ticketId,
  entry,
  onClose,
}: {
  ticketId: string;
  entry: Entry;
  onClose: () => void;
}) {
  const t = useT();
  const { form, correction, busy, format } = useEntryCorrection(ticketId, entry, onClose);
  const { values, errors } = form;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    correction.submit();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("time.editTitle")}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form onSubmit={submit} noValidate data-testid="time-edit-form">
        <Stack>
          <Text size="sm" c="dimmed">
            {t("work.correctHint")}
          </Text>
          <Select
            label={t("time.mode")}
            data={AttentionMode.options.map((m) => ({ value: m, label: t(`mode.${m}`) }))}
            value={values.mode}
            onChange={(v) => v && form.set("mode", v as Entry["mode"])}
            allowDeselect={false}
          />
          <NumberInput
            label={t("time.minutes")}
            min={1}
            max={24 * 60}
            // Decimals stay typed so the form refuses them («Minutos enteros»), never rounds them away.
            data-autofocus
            value={values.minutes}
            onChange={(v) => form.set("minutes", v)}
            error={errors.minutes}
          />
          <Textarea
            label={t("time.activity")}
            autosize
            minRows={2}
            value={values.activity}
            onChange={(e) => form.set("activity", e.currentTarget.value)}
            error={errors.activity}
          />
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
