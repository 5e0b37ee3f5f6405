// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/List.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import "@mantine/core/styles/NumberInput.layer.css";
import "@mantine/core/styles/SimpleGrid.layer.css";
import "@mantine/core/styles/Table.layer.css";
import "@mantine/dates/styles.layer.css";
import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Title } from "@mantine/core";
import type { z } from "zod";
import { useSettings } from "../../api/admin";
import { ConflictDialog } from "../../components/ConflictDialog";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { SlaSettingsBody, type SlaSettingsRecord } from "../../contract";
import { useT } from "../../i18n";
import { formatMinutes } from "../../lib/format";
import { DeadlineCalculator } from "./DeadlineCalculator";
import { typedNumber, useSettingsEditor } from "./useSettingsEditor";

type Sla = z.infer<typeof SlaSettingsRecord>;
/** The minutes as typed (a decimal stays for «Minutos enteros» to refuse it), the version as read. */
type Typed<T> = { [K in keyof T]: number | string };
interface Values {
  targets: Typed<Sla["targets"]>;
  rounding: Typed<Sla["rounding"]>;
  nearThresholdMinutes: number | string;
  version: number;
}
const CONFLICT_FIELDS = ["targets", "rounding", "nearThresholdMinutes"];
const TARGETS = ["contractNormal", "contractUrgent", "eventNormal", "eventUrgent"] as const;
const DEFAULTS: Values = {
  targets: { contractNormal: 120, contractUrgent: 60, eventNormal: 480, eventUrgent: 240 },
  rounding: { contract: 15, event: 60 },
  nearThresholdMinutes: 30,
  version: 0,
};

const toBody = (v: Values) => ({
  ...v,
  targets: Object.fromEntries(TARGETS.map((k) => [k, typedNumber(v.targets[k])])),
  rounding: { contract: typedNumber(v.rounding.contract), event: typedNumber(v.rounding.event) },
  nearThresholdMinutes: typedNumber(v.nearThresholdMinutes),
});

/** «2 h» beside a target: only for whole minutes (beside «1.5» it read «2 min»). */
const inWords = (v: number | string) =>
  typeof v === "number" && Number.isInteger(v) ? formatMinutes(v) : undefined;

function SlaForm({ initial }: { initial: Values }) {
  const t = useT();
  const { form, submit, busy, edit, reapply, discard } = useSettingsEditor("sla", initial, SlaSettingsBody, {
    toBody,
  });
  const { values, errors } = form;
  const setTarget = (k: (typeof TARGETS)[number], v: number | string) =>
    form.set("targets", { ...values.targets, [k]: v });
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
                // A decimal stays typed for «Minutos enteros» to refuse it (Mantine's allowDecimal={false}
                // dropped the point: «1.5» was saved as 15).
                description={inWords(values.targets[k])}
                min={1}
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
              value={values.rounding.contract}
              onChange={(v) => form.set("rounding", { ...values.rounding, contract: v })}
              error={errors["rounding.contract"]}
            />
            <NumberInput
              label={t("sla.rounding.event")}
              min={1}
              value={values.rounding.event}
              onChange={(v) => form.set("rounding", { ...values.rounding, event: v })}
              error={errors["rounding.event"]}
            />
            <NumberInput
              label={t("sla.near")}
              min={0}
              value={values.nearThresholdMinutes}
              onChange={(v) => form.set("nearThresholdMinutes", v)}
              error={errors.nearThresholdMinutes}
            />
          </SimpleGrid>
          {form.formError && <Alert color="red">{form.formError}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConflictDialog
        conflict={edit.conflict}
        fields={CONFLICT_FIELDS}
        busy={busy}
        error={form.formError}
        onReapply={reapply}
        onDiscard={discard}
      />
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
