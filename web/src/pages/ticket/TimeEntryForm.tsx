import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useAddTimeEntry } from "../../api/tickets";
import { type AttentionMode, TimeEntryBody } from "../../contract";
import { useT } from "../../i18n";
import { useForm } from "../../lib/form";
import { formatMinutes } from "../../lib/format";
import { formatClock, useTimer } from "./useTimer";

const MODES: AttentionMode[] = ["onsite", "office", "remote", "phone"];

interface Values {
  mode: AttentionMode;
  activity: string;
  minutes: number | string;
  range: { startedAt: string; endedAt: string } | null;
}

/** Logs attention time: with the timer (start/stop) or by typing the minutes. */
export function TimeEntryForm({ ticketId }: { ticketId: string }) {
  const t = useT();
  const add = useAddTimeEntry(ticketId);
  const timer = useTimer(ticketId);
  const form = useForm<Values>({ mode: "remote", activity: "", minutes: "", range: null }, t);
  const [saved, setSaved] = useState(false);
  const { values, errors } = form;

  const stopTimer = () => {
    const range = timer.stop();
    if (range) form.setValues({ ...values, range, minutes: "" });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const timing = values.range ?? { minutes: values.minutes === "" ? undefined : Number(values.minutes) };
    const body = form.validate(TimeEntryBody, { mode: values.mode, activity: values.activity, ...timing });
    if (!body) return;
    add.mutate(body, {
      onSuccess: () => {
        form.reset();
        setSaved(true);
      },
      onError: (e) => form.showError(e),
    });
  };
  const rangeMinutes = values.range
    ? Math.max(0, Math.round((Date.parse(values.range.endedAt) - Date.parse(values.range.startedAt)) / 60000))
    : 0;

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate data-testid="time-form">
        <Stack gap="sm">
          <Group justify="space-between">
            <Text fw={600}>{t("time.add")}</Text>
            <Group gap="xs">
              <Text className="mesa-folio" fw={700} data-testid="timer-clock">
                {formatClock(timer.elapsedSeconds)}
              </Text>
              {timer.running ? (
                <Button size="xs" color="red" onClick={stopTimer} data-testid="timer-stop">
                  {t("time.stopTimer")}
                </Button>
              ) : (
                <Button size="xs" variant="light" onClick={timer.start} data-testid="timer-start">
                  {t("time.startTimer")}
                </Button>
              )}
            </Group>
          </Group>
          <SegmentedControl
            fullWidth
            value={values.mode}
            onChange={(v) => form.set("mode", v as AttentionMode)}
            data={MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))}
          />
          {values.range ? (
            <Group justify="space-between">
              <Text size="sm">{t("time.fromTimer", { time: formatMinutes(rangeMinutes) })}</Text>
              <Button size="xs" variant="subtle" onClick={() => form.set("range", null)}>
                {t("time.typeMinutes")}
              </Button>
            </Group>
          ) : (
            <NumberInput
              label={t("time.minutes")}
              min={1}
              max={1440}
              allowDecimal={false}
              value={values.minutes}
              onChange={(v) => form.set("minutes", v)}
              error={errors.minutes}
              data-testid="time-minutes"
            />
          )}
          <Textarea
            label={t("time.activity")}
            autosize
            minRows={2}
            value={values.activity}
            onChange={(e) => form.set("activity", e.currentTarget.value)}
            error={errors.activity ?? errors.endedAt}
            data-testid="time-activity"
          />
          {form.formError && <Alert color="red">{form.formError}</Alert>}
          {saved && !form.formError && (
            <Text size="sm" c="teal">
              {t("time.saved")}
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending} data-testid="time-submit">
              {t("time.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
