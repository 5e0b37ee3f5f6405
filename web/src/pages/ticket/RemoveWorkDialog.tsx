import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/form";

interface Props {
  /** What goes, in the reader's words (minutes and activity, or the charge and its amount). */
  description: string;
  /** What the toast says once it is gone («Tiempo eliminado.», «Cargo eliminado.»). */
  done: string;
  busy: boolean;
  remove: (handlers: { onSuccess: () => void; onError: (e: unknown) => void }) => void;
  onClose: () => void;
}

/** Asks before removing a time entry or a charge; a refusal (changed meanwhile) shows in the dialog. */
export function RemoveWorkDialog({ description, done, busy, remove, onClose }: Props) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const confirm = () =>
    remove({
      onSuccess: () => {
        notifications.show({ color: "teal", message: done });
        onClose();
      },
      onError: (e) => setError(errorMessage(t, e)),
    });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("work.removeTitle")}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack data-testid="remove-work-dialog">
        <Text>{description}</Text>
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t("work.keep")}
          </Button>
          <Button color="red" onClick={confirm} loading={busy}>
            {t("work.remove")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
