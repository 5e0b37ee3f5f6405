import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useEffect } from "react";
import { useSaveSettings, useSettings } from "../../api/admin";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { SlaSettings } from "../../contract";
import { useT } from "../../i18n";
import { useForm } from "../../lib/form";
import { formatMinutes } from "../../lib/format";
import { DeadlineCalculator } from "./DeadlineCalculator";

type Values = SlaSettings;
const TARGETS = ["contractNormal", "contractUrgent", "eventNormal", "eventUrgent"] as const;
const DEFAULTS: Values = {
  targets: { contractNormal: 120, contractUrgent: 60, eventNormal: 480, eventUrgent: 240 },
  rounding: { contract: 15, event: 60 },
  nearThresholdMinutes: 30,
};

function SlaForm({ initial }: { initial: Values }) {
  const t = useT();
  const form = useForm<Values>(initial, t);
  const save = useSaveSettings<Values>("sla");
  const { values, errors } = form;
  useEffect(() => form.setValues(initial), [initial, form.setValues]);
  const setTarget = (k: (typeof TARGETS)[number], v: number | string) =>
    form.set("targets", { ...values.targets, [k]: Number(v) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.validate(SlaSettings, values);
    if (body)
      save.mutate(body, {
        onSuccess: () => notifications.show({ color: "teal", message: t("common.saved") }),
        onError: (e) => form.showError(e),
      });
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={3} size="h4">
            {t("sla.targets")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            {TARGETS.map((k) => (
              <NumberInput
                key={k}
                label={t(`sla.target.${k}`)}
                description={formatMinutes(values.targets[k])}
                min={1}
                allowDecimal={false}
                value={values.targets[k]}
                onChange={(v) => setTarget(k, v)}
                error={errors[`targets.${k}`]}
              />
            ))}
          </SimpleGrid>
          <Title order={3} size="h4">
            {t("sla.rounding")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label={t("sla.rounding.contract")}
              min={1}
              allowDecimal={false}
              value={values.rounding.contract}
              onChange={(v) => form.set("rounding", { ...values.rounding, contract: Number(v) })}
              error={errors["rounding.contract"]}
            />
            <NumberInput
              label={t("sla.rounding.event")}
              min={1}
              allowDecimal={false}
              value={values.rounding.event}
              onChange={(v) => form.set("rounding", { ...values.rounding, event: Number(v) })}
              error={errors["rounding.event"]}
            />
            <NumberInput
              label={t("sla.near")}
              min={0}
              allowDecimal={false}
              value={values.nearThresholdMinutes}
              onChange={(v) => form.set("nearThresholdMinutes", Number(v))}
              error={errors.nearThresholdMinutes}
            />
          </SimpleGrid>
          {form.formError && <Alert color="red">{form.formError}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export default function SlaPage() {
  const t = useT();
  const settings = useSettings<Values>("sla");
  return (
    <Stack>
      <PageHeader title={t("sla.title")} subtitle={t("sla.subtitle")} />
      <QueryState query={settings}>
        <SlaForm initial={settings.data ?? DEFAULTS} />
      </QueryState>
      <DeadlineCalculator />
    </Stack>
  );
}
