// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ScrollArea.layer.css";
import "@mantine/core/styles/VisuallyHidden.layer.css";
import "@mantine/core/styles/Overlay.layer.css";
import "@mantine/core/styles/Group.layer.css";
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import { Button, Group, Modal, Text } from "@mantine/core";
import { useBlocker } from "react-router-dom";
import { useT } from "../i18n";
import { hasUnsavedChanges } from "../lib/leaveGuard";

/** The one navigation blocker of the app: asks before leaving a page with a dirty form. */
export default function LeaveGuardDialog() {
  const t = useT();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      hasUnsavedChanges() && currentLocation.pathname !== nextLocation.pathname,
  );
  const blocked = blocker.state === "blocked";
  return (
    <Modal
      opened={blocked}
      onClose={() => blocker.reset?.()}
      title={t("leave.title")}
      closeButtonProps={{ "aria-label": t("common.close") }}
      centered
      data-testid="leave-dialog"
    >
      <Text mb="md">{t("leave.message")}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => blocker.reset?.()} data-testid="leave-stay">
          {t("leave.stay")}
        </Button>
        <Button color="red" onClick={() => blocker.proceed?.()} data-testid="leave-go">
          {t("leave.go")}
        </Button>
      </Group>
    </Modal>
  );
}
