import { Alert, Button, Group, List, NumberInput, Paper, Stack, Text, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import type { z } from "zod";
import { api, withQuery } from "../../api/client";
import { DateField } from "../../components/DateField";
import { TimeField } from "../../components/TimeField";
import { DeadlineQuery, type DeadlineResult, type SkippedDay } from "../../contract";
import { type Translate, useT } from "../../i18n";
import { dayTypoKey, isIsoDay } from "../../lib/dayInput";
import { errorMessage, localIssues } from "../../lib/form";
import { dayOrderOf, displayTimeZone, formatDateTime, zonedIso } from "../../lib/format";
import { formatLongDate, zoneLabel } from "../../lib/zones";
import { closedDayReason } from "./closedDay";

type Deadline = z.infer<typeof DeadlineResult>;
type Skipped = z.infer<typeof SkippedDay>;

/** A skipped day in words: `Se omitió el jueves 24 de diciembre de 2026: Navidad`. */
function skippedText(t: Translate, s: Skipped): string {
  const date = formatLongDate(s.date, t.locale);
  if (s.kind === "weekend") return t("sla.skippedWeekend", { date });
  if (s.kind === "closed_day") return t("sla.skippedClosedDay", { date });
  if (s.kind === "holiday") return t("sla.skippedHoliday", { date, reason: closedDayReason(t, s) });
  if (s.from && s.to) return t("sla.skippedPartial", { date, from: s.from, to: s.to, reason: s.reason });
  return t("sla.skippedClosure", { date, reason: s.reason });
}

/** What-if: when is a deadline of N business minutes from a given instant, and why. */
export function DeadlineCalculator() {
  const t = useT();
  const [day, setDay] = useState("");
  const [time, setTime] = useState("");
  const [minutes, setMinutes] = useState<number | string>(120);
  const [minutesError, setMinutesError] = useState<string | undefined>();
  const [result, setResult] = useState<Deadline | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setResult(null);
    // A day and time on the business calendar's clock (not the browser's); none: from now.
    const at = day ? zonedIso(day, time || "00:00") : new Date().toISOString();
    if (!at) return setError(t(isIsoDay(day) ? "time.badDateTime" : dayTypoKey(day, dayOrderOf(t.locale))));
    const instant = new Date(at).toISOString();
    // Checked as the server does: a decimal stays typed and is refused beside the field («Minutos
    // enteros»), where Mantine's allowDecimal={false} dropped the point and asked for 15 minutes.
    const typed = DeadlineQuery.shape.minutes.safeParse(minutes);
    if (!typed.success) return setMinutesError(localIssues(t, typed.error.issues, minutes)[0]?.message);
    try {
      setResult(await api<Deadline>(withQuery("/api/sla/deadline", { from: instant, minutes: typed.data })));
    } catch (cause) {
      setError(errorMessage(t, cause));
    }
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit}>
        <Stack>
          <Title order={3} size="h4">
            {t("sla.calculator")}
          </Title>
          <Group align="flex-end">
            <DateField label={t("sla.from")} value={day} onChange={setDay} w={160} clearable />
            <TimeField label={t("sla.fromTime")} value={time} onChange={setTime} w={100} />
            <NumberInput
              label={t("sla.minutes")}
              min={0}
              value={minutes}
              onChange={(v) => {
                setMinutes(v);
                setMinutesError(undefined);
              }}
              error={minutesError}
            />
            <Button type="submit" variant="light">
              {t("sla.compute")}
            </Button>
          </Group>
          <Text size="xs" c="dimmed" mt={-8}>
            {t("sla.fromHint")} {t("time.zoneHint", { zone: zoneLabel(displayTimeZone(), t.locale) })}
          </Text>
          {error && <Alert color="red">{error}</Alert>}
          {result && (
            <Stack gap={4}>
              <Text fw={700}>{t("sla.dueAt", { at: formatDateTime(result.dueAt) })}</Text>
              <List size="sm">
                {result.intervals.map((i) => (
                  <List.Item key={i.start}>
                    {formatDateTime(i.start)} → {formatDateTime(i.end)} ({i.minutes} min)
                  </List.Item>
                ))}
              </List>
              {result.skipped.map((s) => (
                <Text key={`${s.date}${s.from ?? ""}`} size="sm" c="dimmed" data-testid="sla-skipped">
                  {skippedText(t, s)}
                </Text>
              ))}
            </Stack>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
