import { Alert, Button, Group, Modal, Stack, Textarea } from "@mantine/core";
import { useEffect, useState } from "react";
import { useT } from "../i18n";

interface Props {
  opened: boolean;
  title: string;
  label: string;
  /** What the action will also do, said before it is confirmed. */
  notice?: string | null;
  confirm: string;
  color?: string;
  required?: boolean;
  error?: string | null;
  busy?: boolean;
  onClose: () => void;
  onConfirm: (reason: string) => void;
}

/** Asks for a reason (send back, reject, cancel…) before an action. */
export function ReasonDialog({
  opened,
  title,
  label,
  notice,
  confirm,
  color,
  required = true,
  error,
  busy,
  onClose,
  onConfirm,
}: Props) {
  const t = useT();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (opened) {
      setReason("");
      setMissing(false);
    }
  }, [opened]);
  const submit = () => {
    if (required && !reason.trim()) return setMissing(true);
    onConfirm(reason.trim());
  };
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("common.close") }}
      opened={opened}
      onClose={onClose}
      title={title}
    >
      <Stack>
        {notice && (
          <Alert color="yellow" data-testid="reason-notice">
            {notice}
          </Alert>
        )}
        <Textarea
          label={label}
          autosize
          minRows={3}
          data-autofocus
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={missing ? t("common.reasonRequired") : undefined}
        />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          {/* "Volver", not "Cancelar": beside "Cancelar ticket" the word would mean two things. */}
          <Button variant="default" onClick={onClose} data-testid="reason-back">
            {t("common.back")}
          </Button>
          <Button color={color} onClick={submit} loading={busy}>
            {confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
