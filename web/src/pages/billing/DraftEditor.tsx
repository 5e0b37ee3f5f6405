import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useMemo, useState } from "react";
import { type DraftLine, type Invoice, useEditDraft } from "../../api/billing";
import { ConflictDialog } from "../../components/ConflictDialog";
import { type MessageKey, useT } from "../../i18n";
import { conflictCurrent, useEditConflict } from "../../lib/conflict";
import { errorMessage } from "../../lib/form";
import { formatMoney } from "../../lib/format";
import { useLeaveGuard } from "../../lib/leaveGuard";
import { percentToInput } from "../../lib/percent";
import { DraftLinesTable } from "./DraftLinesTable";
import { blankRow, type LineRow, MAX_LINES, previewDraft, rowsOf, sameRows } from "./draftLines";

/** The conflict dialog's cells: lines as `qty × description @ price`, totals as money. */
function shownValue(field: string, value: unknown): string | null {
  if (field === "lines" && Array.isArray(value)) {
    return (value as DraftLine[])
      .map((l) => `${l.quantity} × ${l.description} @ ${formatMoney(l.unitPriceCents)}`)
      .join("; ");
  }
  return field === "totalCents" && typeof value === "number" ? formatMoney(value) : null;
}

/**
 * The editor's state: the invoice the lines are edited over (the one read, or the one found saved by
 * someone else), the typed rows, and the save. A stale save opens the compare dialog; the typed rows
 * stay until the leader chooses to drop them.
 */
function useDraftEditor(invoice: Invoice, onSaved: (saved: Invoice) => void) {
  const save = useEditDraft();
  const edit = useEditConflict<Invoice>();
  const [base, setBase] = useState(invoice);
  const baseRows = useMemo(() => rowsOf(base.lines), [base]);
  const [rows, setRows] = useState<LineRow[]>(baseRows);
  // A line the API would refuse as it stands is pointed out at once.
  const [showErrors, setShowErrors] = useState(() => !previewDraft(baseRows, invoice.taxBasisPoints).lines);
  const preview = previewDraft(rows, base.taxBasisPoints, base.lines);
  const send = (lines: DraftLine[], from: Invoice) =>
    save.mutate(
      { id: from.id, lines, version: from.version },
      {
        onSuccess: (saved) => {
          edit.close();
          onSaved(saved);
        },
        onError: (e) => edit.caught(e, from, { lines, totalCents: preview.totals.totalCents }),
      },
    );
  const submit = () => {
    setShowErrors(true);
    if (preview.lines) send(preview.lines, base);
  };
  const reapply = (current: Invoice) => {
    setBase(current);
    if (current.status === "draft" && preview.lines) send(preview.lines, current);
    else edit.close();
  };
  const discard = (current: Invoice) => {
    setBase(current);
    setRows(rowsOf(current.lines));
    setShowErrors(false);
    edit.close();
  };
  const dirty = !sameRows(rows, baseRows);
  return { save, edit, base, rows, setRows, showErrors, preview, dirty, submit, reapply, discard };
}

type Editor = ReturnType<typeof useDraftEditor>;

function Problems({ editor }: { editor: Editor }) {
  const t = useT();
  const { base, preview, save, showErrors, edit } = editor;
  if (base.status !== "draft") {
    const status = t(`billing.st.${base.status}` as MessageKey);
    return <Alert color="orange">{t("billing.draft.notDraft", { folio: base.folio, status })}</Alert>;
  }
  if (preview.tooLarge) return <Alert color="red">{t("billing.draft.tooLarge")}</Alert>;
  if (showErrors && !preview.lines) return <Alert color="red">{t("billing.draft.fix")}</Alert>;
  if (save.isError && !edit.conflict) return <Alert color="red">{errorMessage(t, save.error)}</Alert>;
  return null;
}

function Footer({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  if (asking) {
    return (
      <Alert color="orange" title={t("billing.draft.discardAsk")}>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setAsking(false)}>
            {t("billing.draft.keep")}
          </Button>
          <Button color="red" onClick={onClose}>
            {t("billing.draft.discard")}
          </Button>
        </Group>
      </Alert>
    );
  }
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={() => (editor.dirty ? setAsking(true) : onClose())}>
        {t("common.back")}
      </Button>
      <Button
        type="submit"
        loading={editor.save.isPending}
        disabled={!editor.dirty || editor.base.status !== "draft"}
      >
        {t("billing.draft.save")}
      </Button>
    </Group>
  );
}

function EditorDialog({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const t = useT();
  const editor = useDraftEditor(invoice, (saved) => {
    notifications.show({
      color: "teal",
      message: t("billing.draft.saved", { folio: saved.folio, total: formatMoney(saved.totalCents) }),
    });
    onClose();
  });
  const { base, rows, setRows, preview, edit } = editor;
  useLeaveGuard(editor.dirty);
  // In the compare dialog: why re-applying failed (the stale save that opened it says nothing new).
  const failed = editor.save.error;
  const reapplyError = failed && !conflictCurrent(failed) ? errorMessage(t, failed) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    editor.submit();
  };
  return (
    <Modal
      opened
      onClose={() => !editor.dirty && onClose()}
      closeOnClickOutside={false}
      closeOnEscape={!editor.dirty && !edit.conflict}
      withCloseButton={!editor.dirty}
      closeButtonProps={{ "aria-label": t("common.close") }}
      title={t("billing.draft.title", { folio: base.folio })}
      size="xl"
    >
      <form onSubmit={submit} noValidate data-testid="draft-editor">
        <Stack>
          <Text size="sm" c="dimmed">
            {t("billing.draft.hint", { rate: percentToInput(base.taxBasisPoints) })}
          </Text>
          <DraftLinesTable
            rows={rows}
            checked={preview.rows}
            totals={preview.totals}
            taxBasisPoints={base.taxBasisPoints}
            showErrors={editor.showErrors}
            onRows={setRows}
          />
          <Group gap="sm">
            <Button
              variant="light"
              size="xs"
              disabled={rows.length >= MAX_LINES}
              onClick={() => setRows([...rows, blankRow()])}
            >
              {t("billing.draft.addLine")}
            </Button>
            <Text size="xs" c="dimmed">
              {t("billing.draft.limits", { max: MAX_LINES })}
            </Text>
          </Group>
          <Problems editor={editor} />
          <Footer editor={editor} onClose={onClose} />
        </Stack>
      </form>
      <ConflictDialog
        conflict={edit.conflict}
        fields={["lines", "totalCents"]}
        format={shownValue}
        busy={editor.save.isPending}
        error={reapplyError}
        onReapply={() => edit.conflict && editor.reapply(edit.conflict.current)}
        onDiscard={() => edit.conflict && editor.discard(edit.conflict.current)}
        onDismiss={edit.close}
      />
    </Modal>
  );
}

/** A draft invoice's lines, editable: amounts, subtotal, IVA and total as the server will compute them. */
export function DraftEditor({ invoice, onClose }: { invoice: Invoice | null; onClose: () => void }) {
  return invoice ? <EditorDialog key={invoice.id} invoice={invoice} onClose={onClose} /> : null;
}
