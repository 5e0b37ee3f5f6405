import {
  Alert,
  Anchor,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { type FormEvent, useState } from "react";
import { Link } from "react-router-dom";
import { useMe } from "../../api/auth";
import { useAddTimeEntry } from "../../api/tickets";
import { DraftNotice } from "../../components/DraftNotice";
import { type AttentionMode, TimeEntryBody } from "../../contract";
import { useT } from "../../i18n";
import { browserStorage } from "../../lib/draftStore";
import { useDraft } from "../../lib/drafts";
import { type FormState, useForm } from "../../lib/form";
import { formatMinutes, zonedDateKey } from "../../lib/format";
import { useLeaveGuard } from "../../lib/leaveGuard";
import { lastAttentionMode, rememberAttentionMode } from "./attentionMode";
import { TimeRangeFields } from "./TimeRangeFields";
import { type RangeValues, rangeToInstants } from "./timeRange";
import { formatClock, useTimer } from "./useTimer";

const MODES: AttentionMode[] = ["onsite", "office", "remote", "phone"];
type Method = "minutes" | "range" | "timer";
const METHODS: Method[] = ["minutes", "range", "timer"];
/** The fields a refusal of a range is about (the body's names, as the server gives them). */
const RANGE_FIELDS = ["date", "startedAt", "endedAt"];

interface Values {
  method: Method;
  mode: AttentionMode;
  activity: string;
  minutes: number | string;
  range: RangeValues;
  timed: { startedAt: string; endedAt: string } | null;
}

const initialValues = (mode: AttentionMode): Values => ({
  method: "minutes",
  mode,
  activity: "",
  minutes: "",
  range: { date: zonedDateKey(new Date()), start: "", end: "" },
  timed: null,
});

/** Typed text, minutes, times or a timed interval: a mode or method switch alone is not kept. */
const hasWork = (v: Values) =>
  v.activity.trim() !== "" || v.minutes !== "" || !!v.range.start || !!v.range.end || !!v.timed;

/** The timing part of the body, by the chosen method; null after showing what is missing. */
function timing(t: ReturnType<typeof useT>, form: FormState<Values>) {
  const { values } = form;
  if (values.method === "minutes")
    return { minutes: values.minutes === "" ? undefined : Number(values.minutes) };
  if (values.method === "timer") {
    if (values.timed) return values.timed;
    form.setErrors({ minutes: t("time.timerHint") });
    return null;
  }
  const range = rangeToInstants(t, values.range);
  if ("errors" in range) {
    form.setErrors(range.errors);
    return null;
  }
  return range;
}

function Minutes({ form }: { form: FormState<Values> }) {
  const t = useT();
  const { values, errors } = form;
  if (values.method === "range") {
    return (
      <TimeRangeFields
        value={values.range}
        errors={errors}
        onChange={(patch) => {
          form.set("range", { ...values.range, ...patch });
          // A refusal of the range (the form's or the server's) is answered by changing it.
          form.clearErrors(RANGE_FIELDS);
        }}
      />
    );
  }
  if (values.method === "timer") {
    const minutes = values.timed
      ? Math.max(
          0,
          Math.round((Date.parse(values.timed.endedAt) - Date.parse(values.timed.startedAt)) / 60000),
        )
      : null;
    return (
      <Text size="sm" c={errors.minutes ? "red" : undefined} data-testid="timer-result">
        {minutes === null ? t("time.timerHint") : t("time.fromTimer", { time: formatMinutes(minutes) })}
      </Text>
    );
  }
  return (
    <NumberInput
      label={t("time.minutes")}
      min={1}
      max={1440}
      // Decimals stay typed so the form refuses them («Minutos enteros»), never rounds them away.
      value={values.minutes}
      onChange={(v) => form.set("minutes", v)}
      error={errors.minutes}
      data-testid="time-minutes"
    />
  );
}

function TimerControls({ timer, onStop }: { timer: ReturnType<typeof useTimer>; onStop: () => void }) {
  const t = useT();
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text fw={600}>{t("time.add")}</Text>
        <Group gap="xs">
          <Text className="mesa-folio" fw={700} data-testid="timer-clock">
            {formatClock(timer.elapsedSeconds)}
          </Text>
          {timer.running ? (
            <Button size="xs" color="red" onClick={onStop} loading={timer.busy} data-testid="timer-stop">
              {t("time.stopTimer")}
            </Button>
          ) : (
            <Button
              size="xs"
              variant="light"
              onClick={timer.start}
              loading={timer.busy}
              disabled={!!timer.other}
              data-testid="timer-start"
            >
              {t("time.startTimer")}
            </Button>
          )}
        </Group>
      </Group>
      {timer.other && (
        <Text size="sm" c="orange.8" data-testid="timer-elsewhere">
          {t("time.timerElsewhere")}{" "}
          <Anchor component={Link} to={`/tickets/${timer.other.ticketId}`}>
            {timer.other.folio}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}

/** Form state, the work timer and the submit of a time entry. */
function useTimeEntryForm(ticketId: string) {
  const t = useT();
  const userId = useMe().data?.id;
  const add = useAddTimeEntry(ticketId);
  const timer = useTimer(ticketId);
  const form = useForm<Values>(initialValues(lastAttentionMode(browserStorage(), userId)), t);
  const draft = useDraft("time-entry", form, { initial: form.values, ticketId, worthKeeping: hasWork });
  useLeaveGuard(draft.dirty);
  const [saved, setSaved] = useState(false);
  const { values } = form;
  const stopTimer = () => {
    timer
      .stop()
      .then((timed) => {
        form.setValues({ ...values, method: "timer", timed });
        form.clearErrors(["minutes", ...RANGE_FIELDS]);
      })
      .catch((e: unknown) => form.showError(e));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const when = timing(t, form);
    const body =
      when && form.validate(TimeEntryBody, { mode: values.mode, activity: values.activity, ...when });
    if (!body) return;
    add.mutate(body, {
      onSuccess: () => {
        draft.clear({ ...initialValues(values.mode), method: values.method });
        setSaved(true);
      },
      onError: (e) => form.showError(e),
    });
  };
  const chooseMode = (mode: AttentionMode) => {
    form.set("mode", mode);
    rememberAttentionMode(browserStorage(), userId, mode);
  };
  return { form, draft, timer, saved, busy: add.isPending, stopTimer, submit, chooseMode };
}

/** Logs attention time three ways: typed minutes, start and end times, or the timer. */
export function TimeEntryForm({ ticketId }: { ticketId: string }) {
  const t = useT();
  const { form, draft, timer, saved, busy, stopTimer, submit, chooseMode } = useTimeEntryForm(ticketId);
  // Four attention modes side by side do not fit a phone: stacked there, whole words.
  const narrow = useMediaQuery("(max-width: 36em)");
  const { values, errors } = form;
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate data-testid="time-form">
        <Stack gap="sm">
          <TimerControls timer={timer} onStop={stopTimer} />
          <DraftNotice draft={draft} />
          <SegmentedControl
            fullWidth
            orientation={narrow ? "vertical" : "horizontal"}
            aria-label={t("time.mode")}
            data-testid="time-mode"
            value={values.mode}
            onChange={(v) => chooseMode(v as AttentionMode)}
            data={MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))}
          />
          <SegmentedControl
            size="xs"
            value={values.method}
            onChange={(v) => form.setValues({ ...values, method: v as Method })}
            data={METHODS.map((m) => ({ value: m, label: t(`time.method.${m}`) }))}
            aria-label={t("time.method")}
            data-testid="time-method"
          />
          <Minutes form={form} />
          <Textarea
            label={t("time.activity")}
            autosize
            minRows={2}
            value={values.activity}
            onChange={(e) => form.set("activity", e.currentTarget.value)}
            error={errors.activity}
            data-testid="time-activity"
          />
          {form.formError && <Alert color="red">{form.formError}</Alert>}
          {saved && !form.formError && (
            <Text size="sm" c="teal">
              {t("time.saved")}
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="time-submit">
              {t("time.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
