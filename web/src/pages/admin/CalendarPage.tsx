import { Alert, Button, Grid, Group, Paper, Stack, Switch, TagsInput, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { FormEvent } from "react";
import { useSaveSettings, useSettings } from "../../api/admin";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { CalendarSettings } from "../../contract";
import { useT } from "../../i18n";
import { useForm } from "../../lib/form";
import { Closures } from "./Closures";
import { MonthView } from "./MonthView";
import { WeeklyHours } from "./WeeklyHours";

function CalendarForm({ initial }: { initial: CalendarSettings }) {
  const t = useT();
  const form = useForm<CalendarSettings>(initial, t);
  const save = useSaveSettings<CalendarSettings>("calendar");
  const { values, errors } = form;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.validate(CalendarSettings, values);
    if (body)
      save.mutate(body, {
        onSuccess: () => notifications.show({ color: "teal", message: t("common.saved") }),
        onError: (e) => form.showError(e),
      });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Paper withBorder p="md">
          <Stack>
            <TextInput
              label={t("calendar.timeZone")}
              value={values.timeZone}
              onChange={(e) => form.set("timeZone", e.currentTarget.value)}
              error={errors.timeZone}
              maw={320}
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
              value={values.removedHolidays}
              onChange={(v) => form.set("removedHolidays", v)}
              error={
                errors.removedHolidays ??
                Object.entries(errors).find(([k]) => k.startsWith("removedHolidays."))?.[1]
              }
            />
            <Title order={3} size="h5">
              {t("calendar.closures")}
            </Title>
            <Closures value={values.closures} onChange={(c) => form.set("closures", c)} />
          </Stack>
        </Paper>
        {form.formError && <Alert color="red">{form.formError}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
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
