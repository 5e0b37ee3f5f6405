import { Alert, Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import type { NewApiToken } from "../../api/tokens";
import { useT } from "../../i18n";

type CopyState = "idle" | "copied" | "failed";

/** Copies to the clipboard; "failed" when the browser refuses (the text can still be selected). */
function useCopy(): [CopyState, (text: string) => Promise<void>, () => void] {
  const [state, setState] = useState<CopyState>("idle");
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return [state, copy, () => setState("idle")];
}

function TokenValue({ value, copy, onCopy }: { value: string; copy: CopyState; onCopy: () => void }) {
  const t = useT();
  return (
    <Stack gap={4}>
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          label={t("tokens.value")}
          value={value}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
          style={{ flex: 1 }}
          styles={{ input: { fontFamily: "monospace" } }}
          data-testid="new-token"
        />
        <Button
          variant={copy === "copied" ? "light" : "filled"}
          color={copy === "copied" ? "teal" : undefined}
          onClick={onCopy}
        >
          {copy === "copied" ? t("tokens.copied") : t("tokens.copy")}
        </Button>
      </Group>
      {copy === "failed" && (
        <Text c="red" size="sm">
          {t("tokens.copyFailed")}
        </Text>
      )}
    </Stack>
  );
}

/** Shows a new token once, with a copy button and the warning that it will not be shown again. */
export function NewTokenDialog({ token, onClose }: { token: NewApiToken | null; onClose: () => void }) {
  const t = useT();
  const [copy, doCopy, resetCopy] = useCopy();
  const close = () => {
    resetCopy();
    onClose();
  };
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("common.close") }}
      opened={token !== null}
      onClose={close}
      title={t("tokens.newTitle")}
      size="lg"
      closeOnClickOutside={false}
    >
      {token && (
        <Stack data-testid="new-token-dialog">
          <Text fw={600}>{token.name}</Text>
          <Alert color="orange" role="alert">
            {t("tokens.once")}
          </Alert>
          <TokenValue value={token.token} copy={copy} onCopy={() => doCopy(token.token)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("tokens.done")}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
