import { Paper, Stack, Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useCategoryName } from "../../api/clients";
import type { TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime, formatMinutes, formatWeekdayDateTime } from "../../lib/format";
import { roundedPreview } from "./ReviewPanel";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w="45%" fw={500} c="dimmed">
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

/** The ticket's key facts: client, classification, deadlines, times and billing. */
export function TicketFacts({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const categoryName = useCategoryName();
  return (
    <Paper withBorder p="sm">
      <Table verticalSpacing={4} fz="sm" data-testid="ticket-facts">
        <Table.Tbody>
          <Fact label={t("ticket.client")}>{ticket.clientName}</Fact>
          <Fact label={t("ticket.contact")}>{ticket.contactName ?? "—"}</Fact>
          <Fact label={t("ticket.kind")}>{t(`kind.${ticket.serviceKind}`)}</Fact>
          <Fact label={t("ticket.category")}>{categoryName(ticket.category)}</Fact>
          <Fact label={t("ticket.channel")}>{t(`channel.${ticket.channel}`)}</Fact>
          <Fact label={t("ticket.assignee")}>{ticket.assigneeName ?? t("ticket.unassigned")}</Fact>
          <Fact label={t("ticket.receivedAt")}>{formatDateTime(ticket.receivedAt)}</Fact>
          {/* The promises, as the intake read them out: with their weekday. */}
          <Fact label={t("ticket.responseDue")}>{formatWeekdayDateTime(ticket.responseDueAt)}</Fact>
          <Fact label={t("ticket.respondedAt")}>
            {ticket.respondedAt ? formatDateTime(ticket.respondedAt) : t("ticket.notYet")}
            {ticket.responseBreached && (
              <Text span c="red" fw={600}>
                {" "}
                · {t("sla.breached")}
              </Text>
            )}
          </Fact>
          <Fact label={t("ticket.estimatedSolution")}>
            {formatWeekdayDateTime(ticket.estimatedSolutionAt)}
          </Fact>
          <Fact label={t("review.raw")}>{formatMinutes(ticket.rawMinutes)}</Fact>
          {/* Before review the same preview the review panel shows, labelled as an estimate. */}
          <Fact label={t(ticket.billableFrozen ? "review.rounded" : "review.roundedEstimate")}>
            <span data-testid="facts-billable">{formatMinutes(roundedPreview(ticket))}</span>
          </Fact>
          <Fact label={t("ticket.billingStatus")}>{t(`billing.${ticket.billingStatus}`)}</Fact>
          {ticket.acceptanceOverrideReason && (
            <Fact label={t("review.override")}>
              <Stack gap={0}>
                <Text size="sm" className="mesa-pre">
                  {ticket.acceptanceOverrideReason}
                </Text>
              </Stack>
            </Fact>
          )}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
