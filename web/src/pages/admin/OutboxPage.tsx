// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/FloatingIndicator.layer.css";
import "@mantine/core/styles/SegmentedControl.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { Alert, Badge, Button, SegmentedControl, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useSearchParams } from "react-router-dom";
import { type OutboxItem, type OutboxStatus, useOutbox, useRetryMail } from "../../api/mail";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { WideTable } from "../../components/WideTable";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/form";
import { formatDateTime } from "../../lib/format";

const STATUSES: OutboxStatus[] = ["queued", "sending", "sent", "failed"];
const COLOR: Record<OutboxStatus, string> = {
  queued: "blue",
  sending: "indigo",
  sent: "teal",
  failed: "red",
};

function MailRow({ mail }: { mail: OutboxItem }) {
  const t = useT();
  const retry = useRetryMail();
  const onRetry = () =>
    retry.mutate(mail.id, {
      onSuccess: () => notifications.show({ color: "teal", message: t("outbox.retried") }),
      onError: (e) => notifications.show({ color: "red", message: errorMessage(t, e) }),
    });
  return (
    <Table.Tr data-testid="outbox-row" data-status={mail.status}>
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        <Badge color={COLOR[mail.status]} variant="light">
          {t(`outbox.status.${mail.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{mail.to}</Table.Td>
      <Table.Td>
        {mail.ticketId ? <Link to={`/tickets/${mail.ticketId}`}>{mail.subject}</Link> : mail.subject}
      </Table.Td>
      <Table.Td>{mail.attempts}</Table.Td>
      <Table.Td>{formatDateTime(mail.sentAt ?? mail.createdAt)}</Table.Td>
      <Table.Td maw={320}>
        <Text size="xs" c="red" lineClamp={3} title={mail.lastError ?? undefined}>
          {mail.lastError}
        </Text>
      </Table.Td>
      <Table.Td>
        {mail.status === "failed" && (
          <Button size="xs" variant="light" onClick={onRetry} loading={retry.isPending}>
            {t("outbox.retry")}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Admin: what Mesa sends by e-mail, pending, sent and failed, with the error and a retry. */
export default function OutboxPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((s) => s === params.get("status"));
  const outbox = useOutbox(status);
  const choose = (value: string) => setParams(value === "all" ? {} : { status: value }, { replace: true });
  return (
    <Stack>
      <PageHeader title={t("outbox.title")} subtitle={t("outbox.subtitle")} />
      {outbox.data && !outbox.data.configured && (
        <Alert color="orange" data-testid="outbox-unconfigured">
          {t("outbox.unconfigured")}
        </Alert>
      )}
      <SegmentedControl
        aria-label={t("outbox.filter")}
        value={status ?? "all"}
        onChange={choose}
        data={[
          { value: "all", label: t("outbox.filter.all") },
          ...STATUSES.map((s) => ({ value: s, label: t(`outbox.status.${s}`) })),
        ]}
      />
      <QueryState query={outbox}>
        {outbox.data?.items.length ? (
          <WideTable minWidth={900}>
            <Table data-testid="outbox" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("outbox.status")}</Table.Th>
                  <Table.Th>{t("outbox.to")}</Table.Th>
                  <Table.Th>{t("outbox.subject")}</Table.Th>
                  <Table.Th>{t("outbox.attempts")}</Table.Th>
                  <Table.Th>{t("outbox.when")}</Table.Th>
                  <Table.Th>{t("outbox.lastError")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {outbox.data.items.map((m) => (
                  <MailRow key={m.id} mail={m} />
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        ) : (
          <Text c="dimmed">{t("outbox.none")}</Text>
        )}
      </QueryState>
    </Stack>
  );
}
