// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/Combobox.layer.css";
import "@mantine/core/styles/InlineInput.layer.css";
import "@mantine/core/styles/Grid.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import "@mantine/core/styles/Pill.layer.css";
import "@mantine/core/styles/PillsInput.layer.css";
import "@mantine/core/styles/SimpleGrid.layer.css";
import "@mantine/core/styles/Switch.layer.css";
import "@mantine/core/styles/Table.layer.css";
import "@mantine/dates/styles.layer.css";
import { Alert, Button, Grid, Group, Paper, Select, Stack, Switch, TagsInput, Title } from "@mantine/core";
import type { z } from "zod";
import { useSettings } from "../../api/admin";
import { ConflictDialog } from "../../components/ConflictDialog";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { CalendarSettingsBody, type CalendarSettingsRecord } from "../../contract";
import { useT } from "../../i18n";
import { showDay, toIsoDay } from "../../lib/dayInput";
import { listError } from "../../lib/form";
import { dayOrderOf } from "../../lib/format";
import { zoneOptions } from "../../lib/zones";
import { Closures } from "./Closures";
import { MonthView } from "./MonthView";
import { useSettingsEditor } from "./useSettingsEditor";
import { WeeklyHours } from "./WeeklyHours";
import { weekIssues } from "./weekIssues";

type CalendarSettings = z.infer<typeof CalendarSettingsRecord>;
const CONFLICT_FIELDS = ["timeZone", "weeklyHours", "statutoryHolidays", "removedHolidays", "closures"];

function CalendarForm({ initial }: { initial: CalendarSettings }) {
  const t = useT();
  const order = dayOrderOf(t.locale);
  const { form, submit, busy, edit, reapply, discard } = useSettingsEditor(
    "calendar",
    initial,
    CalendarSettingsBody,
    { extraChecks: (values) => weekIssues(values.weeklyHours, t) },
  );
  const { values, errors } = form;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Paper withBorder p="md">
          <Stack>
            <Select
              label={t("calendar.timeZone")}
              data={zoneOptions(t.locale, values.timeZone)}
              value={values.timeZone}
              onChange={(zone) => zone && form.set("timeZone", zone)}
              error={errors.timeZone}
              searchable
              allowDeselect={false}
              nothingFoundMessage={t("calendar.zoneNotFound")}
              maw={420}
            />
            <Title order={3} size="h5">
              {t("calendar.weeklyHours")}
            </Title>
            <WeeklyHours
              value={values.weeklyHours}
              onChange={(w) => form.set("weeklyHours", w)}
              errors={errors}
            />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack>
            <Switch
              label={t("calendar.statutory")}
              description={t("calendar.statutoryHint")}
              checked={values.statutoryHolidays}
              onChange={(e) => form.set("statutoryHolidays", e.currentTarget.checked)}
            />
            <TagsInput
              label={t("calendar.removedHolidays")}
              description={t("calendar.removedHint")}
              // Shown and typed as DD/MM/AAAA (MM/DD/YYYY in English), kept as the API's ISO days.
              value={values.removedHolidays.map((day) => showDay(day, order))}
              onChange={(v) =>
                form.set(
                  "removedHolidays",
                  v.map((day) => toIsoDay(day, order) ?? day),
                )
              }
              error={listError(errors, "removedHolidays")}
            />
            <Title order={3} size="h5">
              {t("calendar.closures")}
            </Title>
            <Closures value={values.closures} onChange={(c) => form.set("closures", c)} />
          </Stack>
        </Paper>
        {form.formError && <Alert color="red">{form.formError}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
      <ConflictDialog
        conflict={edit.conflict}
        fields={CONFLICT_FIELDS}
        busy={busy}
        error={form.formError}
        onReapply={reapply}
        onDiscard={discard}
      />
    </form>
  );
}

export default function CalendarPage() {
  const t = useT();
  const settings = useSettings<CalendarSettings>("calendar");
  return (
    <>
      <PageHeader title={t("calendar.title")} subtitle={t("calendar.subtitle")} />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <QueryState query={settings}>
            {settings.data && <CalendarForm initial={settings.data} />}
          </QueryState>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <MonthView />
        </Grid.Col>
      </Grid>
    </>
  );
}
