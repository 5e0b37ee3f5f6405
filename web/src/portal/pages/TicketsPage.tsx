import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { browserStorage, draftKey, readDraft } from "../../lib/draftStore";
import { STATUS_COLORS } from "../../lib/statusColors";
import { portalApi } from "../api";
import { when } from "../format";
import { type I18n, usePortalI18n } from "../i18n";
import type { PortalKey } from "../i18n-es";
import { usePortalInfo } from "../session";
import type { PortalTicket, PortalUser } from "../types";

export const ticketsKey = ["portal", "tickets"] as const;
/** The new request form's draft (NewTicketPage), offered again on the list. */
export const NEW_REQUEST_DRAFT = "portal-new-ticket";

/** A request typed and not sent (the session ended, the tab was closed): offered again here. */
function hasDraft(userId: string): boolean {
  const storage = browserStorage();
  return !!storage && readDraft(storage, draftKey(userId, NEW_REQUEST_DRAFT)) !== null;
}

/** Cards rather than a table: the list reads the same on a phone and on a laptop. */
/**
 * The one date a request's card shows, the one that matters where it stands: when it was closed,
 * when its solution is expected once answered, or by when it must be answered.
 */
function whereItStands(ticket: PortalTicket, t: I18n["t"], at: (iso: string | null) => string): string {
  if (ticket.closedAt)
    return `${t(ticket.status === "cancelled" ? "list.cancelledAt" : "list.closedAt")}: ${at(ticket.closedAt)}`;
  if (ticket.respondedAt && ticket.estimatedSolutionAt)
    return `${t("detail.estimated")}: ${at(ticket.estimatedSolutionAt)}`;
  if (ticket.respondedAt) return `${t("detail.respondedAt")}: ${at(ticket.respondedAt)}`;
  return `${t("detail.responseDue")}: ${at(ticket.responseDueAt)}`;
}

export function TicketsPage({ user }: { user: PortalUser }) {
  const { t, locale } = usePortalI18n();
  const zone = usePortalInfo().data?.timeZone ?? "America/Mexico_City";
  const list = useQuery({
    queryKey: ticketsKey,
    queryFn: () => portalApi<{ items: PortalTicket[] }>("/tickets"),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {user.companyAdmin ? t("list.titleCompany", { company: user.clientName }) : t("list.title")}
        </Title>
        <Button component={Link} to="/portal/nueva">
          {t("list.new")}
        </Button>
      </Group>
      {hasDraft(user.id) && (
        <Alert color="yellow" data-testid="unsent-request">
          {t("list.draft")}{" "}
          <Anchor component={Link} to="/portal/nueva">
            {t("list.draftContinue")}
          </Anchor>
        </Alert>
      )}
      {list.isPending && <Loader />}
      {list.isError && <Alert color="red">{t("error.generic")}</Alert>}
      {list.data?.items.length === 0 && <Text c="dimmed">{t("list.empty")}</Text>}
      {list.data?.items.map((ticket) => (
        <Card
          key={ticket.id}
          withBorder
          component={Link}
          to={`/portal/tickets/${ticket.id}`}
          data-testid="ticket-card"
        >
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text fw={600} className="folio">
                {ticket.folio}
              </Text>
              <Text lineClamp={2}>{ticket.title}</Text>
              <Text size="sm" c="dimmed">
                {whereItStands(ticket, t, (iso) => when(iso, zone, locale))}
              </Text>
            </Stack>
            {/* Never squeezed by a long title: at a phone's width the status read «RE…» (Recibida? Revisada?). */}
            <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
              <Badge variant="light" color={STATUS_COLORS[ticket.status]} data-status={ticket.status}>
                {t(`status.${ticket.status}` as PortalKey)}
              </Badge>
              {ticket.urgent && <Badge color="red">{t("detail.urgent")}</Badge>}
              {ticket.status === "attended" && !ticket.acceptance && (
                <Badge color="orange" variant="outline" data-testid="awaits-acceptance">
                  {t("list.toAccept")}
                </Badge>
              )}
            </Stack>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
