// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/FloatingIndicator.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import "@mantine/core/styles/SegmentedControl.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { Alert, Badge, Button, Group, SegmentedControl, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useMe } from "../../api/auth";
import { type CreditRequest, useCreditRequests, useDecideCredit } from "../../api/credit-warranty";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { ReasonDialog } from "../../components/ReasonDialog";
import { WideTable } from "../../components/WideTable";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/form";
import { formatDateTime, formatMoney } from "../../lib/format";
import { hasRole } from "../../lib/roles";

const STATUS_COLOR = { pending: "yellow", approved: "teal", rejected: "red" } as const;

function Decide({ request }: { request: CreditRequest }) {
  const t = useT();
  const decide = useDecideCredit();
  const [open, setOpen] = useState<"approve" | "reject" | null>(null);
  const confirm = (reason: string) =>
    open &&
    decide.mutate(
      { id: request.id, decision: open, reason },
      {
        onSuccess: () => {
          setOpen(null);
          notifications.show({ color: "teal", message: t(`credit.decided.${open}`) });
        },
      },
    );
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="xs" color="teal" onClick={() => setOpen("approve")} data-testid="credit-approve">
        {t("credit.approve")}
      </Button>
      <Button size="xs" color="red" variant="light" onClick={() => setOpen("reject")}>
        {t("credit.reject")}
      </Button>
      <ReasonDialog
        opened={open !== null}
        title={t(open === "reject" ? "credit.reject" : "credit.approve")}
        label={t("credit.decisionReason")}
        confirm={t(open === "reject" ? "credit.reject" : "credit.approve")}
        color={open === "reject" ? "red" : "teal"}
        busy={decide.isPending}
        error={decide.isError ? errorMessage(t, decide.error) : null}
        onClose={() => setOpen(null)}
        onConfirm={confirm}
      />
    </Group>
  );
}

function Row({ r, canDecide }: { r: CreditRequest; canDecide: boolean }) {
  const t = useT();
  return (
    <Table.Tr data-testid="credit-request-row">
      <Table.Td>{r.clientName}</Table.Td>
      <Table.Td>{t("credit.terms", { days: r.creditDays, limit: formatMoney(r.creditLimitCents) })}</Table.Td>
      <Table.Td>
        <Text size="sm">{r.reason}</Text>
        <Text size="xs" c="dimmed">
          {t("credit.requestedBy", { who: r.requestedByName ?? "—", at: formatDateTime(r.requestedAt) })}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLOR[r.status]}>{t(`credit.status.${r.status}`)}</Badge>
        {r.decidedAt && (
          <Text size="xs" c="dimmed">
            {t("credit.decidedBy", { who: r.decidedByName ?? "—", at: formatDateTime(r.decidedAt) })}
            {r.decisionReason ? ` · ${r.decisionReason}` : ""}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{canDecide && r.status === "pending" && <Decide request={r} />}</Table.Td>
    </Table.Tr>
  );
}

/** Ventas' queue of credit requests (seed §1.2): approve or reject with a reason; others follow them. */
export default function CreditRequestsPage() {
  const t = useT();
  const me = useMe();
  const [status, setStatus] = useState<"pending" | "all">("pending");
  const requests = useCreditRequests(status === "pending" ? "pending" : undefined);
  const canDecide = hasRole(me.data?.roles, "sales");
  return (
    <Stack>
      <PageHeader
        title={t("credit.title")}
        subtitle={t("credit.subtitle")}
        actions={
          <SegmentedControl
            value={status}
            onChange={(v) => setStatus(v as "pending" | "all")}
            data={[
              { value: "pending", label: t("credit.status.pending") },
              { value: "all", label: t("credit.all") },
            ]}
          />
        }
      />
      {!canDecide && <Alert color="blue">{t("credit.salesOnly")}</Alert>}
      <QueryState query={requests}>
        {requests.data?.items.length === 0 ? (
          <Text c="dimmed">{t("credit.none")}</Text>
        ) : (
          <WideTable minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("credit.client")}</Table.Th>
                  <Table.Th>{t("credit.requested")}</Table.Th>
                  <Table.Th>{t("credit.reason")}</Table.Th>
                  <Table.Th>{t("credit.state")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {requests.data?.items.map((r) => (
                  <Row key={r.id} r={r} canDecide={canDecide} />
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        )}
      </QueryState>
    </Stack>
  );
}
