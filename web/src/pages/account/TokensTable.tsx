import { Alert, Badge, Button, Group, Modal, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { type ApiToken, useRevokeToken } from "../../api/tokens";
import { WideTable } from "../../components/WideTable";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/form";
import { formatDateTime } from "../../lib/format";

function RevokeDialog({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const t = useT();
  const revoke = useRevokeToken();
  const confirm = () => {
    if (!token) return;
    revoke.mutate(token.id, {
      onSuccess: () => {
        notifications.show({ color: "teal", message: t("tokens.revokedDone", { name: token.name }) });
        onClose();
      },
    });
  };
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("common.close") }}
      opened={token !== null}
      onClose={onClose}
      title={t("tokens.revokeTitle")}
    >
      <Stack>
        <Text>{t("tokens.revokeConfirm", { name: token?.name ?? "" })}</Text>
        {revoke.isError && <Alert color="red">{errorMessage(t, revoke.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button color="red" onClick={confirm} loading={revoke.isPending} data-testid="revoke-confirm">
            {t("tokens.revoke")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Row({ token, onRevoke }: { token: ApiToken; onRevoke: () => void }) {
  const t = useT();
  return (
    <Table.Tr data-testid="token-row" data-name={token.name} data-revoked={!!token.revokedAt}>
      <Table.Td fw={500}>{token.name}</Table.Td>
      <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
      <Table.Td data-testid="token-last-used">
        {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t("tokens.never")}
      </Table.Td>
      <Table.Td>
        {token.revokedAt ? (
          <Badge color="gray" variant="light" title={formatDateTime(token.revokedAt)}>
            {t("tokens.revoked")} · {formatDateTime(token.revokedAt)}
          </Badge>
        ) : (
          <Badge color="teal" variant="light">
            {t("tokens.active")}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        {!token.revokedAt && (
          <Button size="xs" variant="subtle" color="red" onClick={onRevoke}>
            {t("tokens.revoke")}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The caller's tokens: name, created, last used, state; active ones can be revoked. */
export function TokensTable({ tokens }: { tokens: ApiToken[] }) {
  const t = useT();
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  if (tokens.length === 0) return <Text c="dimmed">{t("tokens.none")}</Text>;
  return (
    <>
      <WideTable minWidth={640}>
        <Table striped data-testid="tokens">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("tokens.name")}</Table.Th>
              <Table.Th>{t("tokens.createdAt")}</Table.Th>
              <Table.Th>{t("tokens.lastUsed")}</Table.Th>
              <Table.Th>{t("tokens.state")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.map((token) => (
              <Row key={token.id} token={token} onRevoke={() => setRevoking(token)} />
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
      <RevokeDialog token={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}
