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
import { notifications } from "@mantine/notifications";
import { type FormEvent, useEffect } from "react";
import { useBackupSettings, useBackups, useSaveBackupSettings } from "../../api/backups";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { type BackupList, BackupSettings } from "../../contract";
import { useT } from "../../i18n";
import { useForm } from "../../lib/form";
import { formatDateTime } from "../../lib/format";

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function SettingsForm({ initial, defaultDir }: { initial: BackupSettings; defaultDir: string }) {
  const t = useT();
  const form = useForm<BackupSettings>(initial, t);
  const save = useSaveBackupSettings();
  const { values, errors } = form;
  useEffect(() => form.setValues(initial), [initial, form.setValues]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.validate(BackupSettings, values);
    if (body)
      save.mutate(body, {
        onSuccess: () => notifications.show({ color: "teal", message: t("common.saved") }),
        onError: (e) => form.showError(e),
      });
  };
  const int = (key: "hour" | "retentionDays" | "keep") => ({
    min: key === "hour" ? 0 : 1,
    max: key === "hour" ? 23 : undefined,
    allowDecimal: false,
    value: values[key],
    onChange: (v: number | string) => form.set(key, Number(v)),
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
            <Button type="submit" loading={save.isPending}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
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
