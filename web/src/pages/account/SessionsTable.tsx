import { Alert, Badge, Button, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type SessionInfo, useEndSession } from "../../api/account";
import { WideTable } from "../../components/WideTable";
import { useT } from "../../i18n";
import { deviceOf } from "../../lib/device";
import { errorMessage } from "../../lib/form";
import { formatDateTime } from "../../lib/format";

/** «Chrome en Windows» (the full User-Agent in the tooltip); only one of them when the other is unknown. */
function deviceName(t: ReturnType<typeof useT>, userAgent: string | null): string {
  const d = deviceOf(userAgent);
  if (!d) return t("sessions.unknownDevice");
  if (d.browser && d.system) return t("sessions.deviceName", { browser: d.browser, system: d.system });
  return d.browser ?? d.system ?? t("sessions.unknownDevice");
}

function Row({ session }: { session: SessionInfo }) {
  const t = useT();
  const end = useEndSession();
  const close = () =>
    end.mutate(session.id, {
      onSuccess: () => notifications.show({ color: "teal", message: t("sessions.ended") }),
    });
  return (
    <Table.Tr data-testid="session-row" data-current={session.current}>
      <Table.Td maw={320}>
        <Text size="sm" lineClamp={2} title={session.userAgent ?? undefined}>
          {deviceName(t, session.userAgent)}
        </Text>
      </Table.Td>
      <Table.Td>{session.ip ?? "—"}</Table.Td>
      <Table.Td>{formatDateTime(session.createdAt)}</Table.Td>
      <Table.Td>{formatDateTime(session.lastSeenAt)}</Table.Td>
      <Table.Td>
        {session.current ? (
          <Badge color="teal" variant="light">
            {t("sessions.current")}
          </Badge>
        ) : (
          <Button size="xs" variant="subtle" color="red" onClick={close} loading={end.isPending}>
            {t("sessions.end")}
          </Button>
        )}
        {end.isError && (
          <Alert color="red" mt={4} p={4}>
            {errorMessage(t, end.error)}
          </Alert>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The caller's open sessions: device, address, start and last activity; others can be ended. */
export function SessionsTable({ sessions }: { sessions: SessionInfo[] }) {
  const t = useT();
  return (
    <WideTable minWidth={640}>
      <Table striped data-testid="sessions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("sessions.device")}</Table.Th>
            <Table.Th>{t("sessions.ip")}</Table.Th>
            <Table.Th>{t("sessions.started")}</Table.Th>
            <Table.Th>{t("sessions.lastSeen")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((s) => (
            <Row key={s.id} session={s} />
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
