import { Alert, Button, Group, Modal, Stack, Table, Text } from "@mantine/core";
import { type MessageKey, type Translate, useT } from "../i18n";
import { type EditConflict, sameValue } from "../lib/conflict";
import { fieldLabel } from "../lib/fields";

export type FormatValue = (field: string, value: unknown) => string | null;

function shown(t: Translate, field: string, value: unknown, format?: FormatValue): string {
  const custom = format?.(field, value);
  if (custom != null) return custom;
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (Array.isArray(value) && value.every((v) => typeof v !== "object")) {
    return value.length ? value.join(", ") : "—";
  }
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

interface Props<R extends object> {
  conflict: EditConflict<R> | null;
  /** The record's fields worth comparing (what the form shows, and what follows from it: a deadline). */
  fields: readonly string[];
  format?: FormatValue;
  /** Labels of fields this record names its own way (a charge's `kind` is its «Concepto»). */
  labels?: Readonly<Record<string, MessageKey>>;
  busy?: boolean;
  error?: string | null;
  onReapply: () => void;
  onDiscard: () => void;
  /** Closing the dialog (× or Escape) without choosing: by default the same as discarding. */
  onDismiss?: () => void;
}

/**
 * Someone saved the record while the user was editing it: show, field by field, what is saved now
 * against what the user wanted, and let them re-apply their change on top of it or drop it.
 */
export function ConflictDialog<R extends object>({
  conflict,
  fields,
  format,
  labels,
  busy,
  error,
  onReapply,
  onDiscard,
  onDismiss,
}: Props<R>) {
  const t = useT();
  const base = (conflict?.base ?? {}) as Record<string, unknown>;
  const current = (conflict?.current ?? {}) as Record<string, unknown>;
  const mine = conflict?.mine ?? {};
  const rows = fields.filter((f) => f in mine || !sameValue(base[f], current[f]));
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("common.close") }}
      opened={conflict !== null}
      onClose={onDismiss ?? onDiscard}
      title={t("conflict.title")}
      size="lg"
    >
      <Stack data-testid="conflict-dialog">
        <Text size="sm">{t("conflict.intro")}</Text>
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("conflict.field")}</Table.Th>
              <Table.Th>{t("conflict.theirs")}</Table.Th>
              <Table.Th>{t("conflict.yours")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((f) => (
              <Table.Tr key={f} data-field={f}>
                <Table.Td>{labels?.[f] ? t(labels[f]) : fieldLabel(t, f)}</Table.Td>
                <Table.Td fw={sameValue(base[f], current[f]) ? undefined : 600}>
                  {shown(t, f, current[f], format)}
                </Table.Td>
                <Table.Td fw={f in mine ? 600 : undefined}>
                  {f in mine ? shown(t, f, mine[f], format) : t("conflict.unchanged")}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDiscard} data-testid="conflict-discard">
            {t("conflict.discard")}
          </Button>
          <Button onClick={onReapply} loading={busy} data-testid="conflict-reapply">
            {t("conflict.reapply")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
