import { ActionIcon, Group, Paper, Text, Title, Tooltip } from "@mantine/core";
import { useState } from "react";
import { type ClosedDay, useClosedDays } from "../../api/admin";
import { hasKey, useI18n, useT } from "../../i18n";
import { closedDayReason } from "./closedDay";

const WEEKDAYS_ES = ["Lun", "Mar", "Mié", "Jue", "Vie", "Sáb", "Dom"];
const WEEKDAYS: Record<string, string[]> = {
  "es-MX": WEEKDAYS_ES,
  en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
};

function monthDays(year: number, month: number) {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const lead = (first.getUTCDay() + 6) % 7; // Monday first
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const days = Array.from({ length: count }, (_, i) => {
    const date = `${year}-${String(month).padStart(2, "0")}-${String(i + 1).padStart(2, "0")}`;
    return { date, day: i + 1, weekday: (lead + i) % 7 };
  });
  return { lead, days };
}

function DayCell({ date, day, info }: { date: string; day: number; info: ClosedDay | undefined }) {
  const t = useT();
  const closed = !!info && info.kind !== "weekend";
  const reason = info ? closedDayReason(t, info) : "";
  const cell = (
    <div className="mesa-day" data-closed={closed} data-weekend={info?.kind === "weekend"} data-date={date}>
      <Text size="sm" fw={600}>
        {day}
      </Text>
      {closed && (
        <Text size="xs" c="red.8" lineClamp={2}>
          {reason}
        </Text>
      )}
    </div>
  );
  if (!info) return cell;
  const kindKey = `calendar.kind.${info.kind}`;
  return <Tooltip label={`${hasKey(kindKey) ? t(kindKey) : info.kind}: ${reason}`}>{cell}</Tooltip>;
}

/** A month of the business calendar with its closed days (weekends, holidays, closures). */
export function MonthView() {
  const { t, locale } = useI18n();
  const now = new Date();
  const [ym, setYm] = useState({ year: now.getFullYear(), month: now.getMonth() + 1 });
  const closed = useClosedDays(ym.year, ym.month);
  const byDate = new Map((closed.data?.items ?? []).map((d) => [d.date, d]));
  const { lead, days } = monthDays(ym.year, ym.month);
  const shift = (delta: number) =>
    setYm(({ year, month }) => {
      const m = month - 1 + delta;
      return { year: year + Math.floor(m / 12), month: (((m % 12) + 12) % 12) + 1 };
    });
  const monthName = new Intl.DateTimeFormat(locale, {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(ym.year, ym.month - 1, 1)));
  const title = monthName.charAt(0).toUpperCase() + monthName.slice(1);
  return (
    <Paper withBorder p="md" data-testid="month-view">
      <Group justify="space-between" mb="sm">
        <ActionIcon variant="default" onClick={() => shift(-1)} aria-label={t("calendar.prev")}>
          ‹
        </ActionIcon>
        <Title order={3} size="h4">
          {title}
        </Title>
        <ActionIcon variant="default" onClick={() => shift(1)} aria-label={t("calendar.next")}>
          ›
        </ActionIcon>
      </Group>
      <div className="mesa-month">
        {(WEEKDAYS[locale] ?? WEEKDAYS_ES).map((d) => (
          <Text key={d} size="xs" fw={700} ta="center" c="dimmed">
            {d}
          </Text>
        ))}
        {lead > 0 && <div style={{ gridColumn: `span ${lead}` }} />}
        {days.map((d) => (
          <DayCell key={d.date} date={d.date} day={d.day} info={byDate.get(d.date)} />
        ))}
      </div>
    </Paper>
  );
}
