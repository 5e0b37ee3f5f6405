// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/InlineInput.layer.css";
import "@mantine/core/styles/Code.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import "@mantine/core/styles/NumberInput.layer.css";
import "@mantine/core/styles/SimpleGrid.layer.css";
import "@mantine/core/styles/Switch.layer.css";
import "@mantine/core/styles/Table.layer.css";
import {
  Alert,
  Button,
  Code,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TextInput,
  Title,
} from "@mantine/core";
import { useBackupSettings, useBackups } from "../../api/backups";
import { ConflictDialog } from "../../components/ConflictDialog";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { type BackupList, BackupSettingsBody, type BackupSettingsRecord } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime } from "../../lib/format";
import { typedNumber, useSettingsEditor } from "./useSettingsEditor";

type Counted = "hour" | "retentionDays" | "keep";
/** The hour and counts as typed (a decimal stays for the contract to refuse), the rest as read. */
type Values = Omit<BackupSettingsRecord, Counted> & Record<Counted, number | string>;
const toBody = (v: Values) => ({
  ...v,
  hour: typedNumber(v.hour),
  retentionDays: typedNumber(v.retentionDays),
  keep: typedNumber(v.keep),
});

const CONFLICT_FIELDS = ["enabled", "hour", "retentionDays", "keep", "dir"];

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Saved over the version it was read at: another admin's save in between opens the compare dialog. */
function SettingsForm({ initial, defaultDir }: { initial: BackupSettingsRecord; defaultDir: string }) {
  const t = useT();
  const { form, submit, busy, edit, reapply, discard } = useSettingsEditor<Values>(
    "backup",
    initial,
    BackupSettingsBody,
    { toBody },
  );
  const { values, errors } = form;
  const int = (key: Counted) => ({
    min: key === "hour" ? 0 : 1,
    max: key === "hour" ? 23 : undefined,
    // Held as typed, no allowDecimal={false}: both dropped a typed point («4.5» saved as 45); a decimal
    // stays for the contract to refuse beside the field («Hora entera de 0 a 23»).
    value: values[key],
    onChange: (v: number | string) => form.set(key, v),
    error: errors[key],
  });
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate data-testid="backup-settings">
        <Stack>
          <Switch
            label={t("backup.enabled")}
            checked={values.enabled}
            onChange={(e) => form.set("enabled", e.currentTarget.checked)}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label={t("backup.hour")} description={t("backup.hourHint")} {...int("hour")} />
            <NumberInput label={t("backup.retentionDays")} {...int("retentionDays")} />
            <NumberInput label={t("backup.keep")} {...int("keep")} />
          </SimpleGrid>
          <TextInput
            label={t("backup.dir")}
            description={t("backup.dirHint")}
            placeholder={defaultDir}
            value={values.dir ?? ""}
            onChange={(e) => form.set("dir", e.currentTarget.value.trim() || null)}
            error={errors.dir}
          />
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

function BackupTable({ list }: { list: BackupList }) {
  const t = useT();
  if (list.items.length === 0) return <Alert color="gray">{t("backup.none")}</Alert>;
  return (
    <Table striped data-testid="backups">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("backup.file")}</Table.Th>
          <Table.Th>{t("backup.size")}</Table.Th>
          <Table.Th>{t("backup.date")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.items.map((b) => (
          <Table.Tr key={b.name}>
            <Table.Td>
              <Code>{b.name}</Code>
            </Table.Td>
            <Table.Td>{formatSize(b.size)}</Table.Td>
            <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export default function BackupsPage() {
  const t = useT();
  const settings = useBackupSettings();
  const backups = useBackups();
  const list = backups.data;
  return (
    <Stack>
      <PageHeader title={t("backup.title")} subtitle={t("backup.subtitle")} />
      <QueryState query={backups}>
        {list?.database === "postgres" ? (
          <Alert color="blue" title={t("backup.postgres.title")}>
            {t("backup.postgres")}
          </Alert>
        ) : (
          <Stack>
            <QueryState query={settings}>
              {settings.data && list && <SettingsForm initial={settings.data} defaultDir={list.dir} />}
            </QueryState>
            <Title order={3} size="h4">
              {t("backup.list", { dir: list?.dir ?? "" })}
            </Title>
            {list && <BackupTable list={list} />}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
