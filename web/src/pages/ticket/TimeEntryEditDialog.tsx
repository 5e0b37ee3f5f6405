import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { FormEvent } from "react";
import { useEditTimeEntry } from "../../api/tickets";
import { AttentionMode, type TicketDetail, TimeEntryEditBody } from "../../contract";
import { useT } from "../../i18n";
import { useForm } from "../../lib/form";

type Entry = TicketDetail["timeEntries"][number];

/**
 * The minutes, mode and activity as they should read. An entry logged by start and end keeps its
 * start: new minutes move its end, so it stays on its day and in its place in the list.
 */
function timing(entry: Entry, minutes: number) {
  if (!entry.startedAt) return { minutes };
  const end = new Date(Date.parse(entry.startedAt) + minutes * 60_000).toISOString();
  return { startedAt: entry.startedAt, endedAt: end };
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
  const save = useEditTimeEntry(ticketId);
  const form = useForm(
    { minutes: entry.minutes as number | string, mode: entry.mode, activity: entry.activity },
    t,
  );
  const { values, errors } = form;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const minutes = Number(values.minutes);
    const body = form.validate(TimeEntryEditBody, {
      ...timing(entry, minutes),
      mode: values.mode,
      activity: values.activity,
      version: entry.version,
    });
    if (!body) return;
    save.mutate(
      { rowId: entry.id, body },
      {
        onSuccess: () => {
          notifications.show({ color: "teal", message: t("work.corrected") });
          onClose();
        },
        onError: (e) => form.showError(e, (key) => (key === "endedAt" ? "minutes" : key)),
      },
    );
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
            allowDecimal={false}
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
            <Button type="submit" loading={save.isPending}>
              {t("work.saveCorrection")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
