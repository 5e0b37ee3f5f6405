import {
  Alert,
  Anchor,
  Badge,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  Timeline,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { STATUS_COLORS } from "../../lib/statusColors";
import { PortalApiError, portalApi } from "../api";
import { when } from "../format";
import { usePortalI18n } from "../i18n";
import type { PortalKey } from "../i18n-es";
import { ticketKey, usePortalInfo } from "../session";
import type { PortalTicketDetail } from "../types";
import { ServiceOrderCard } from "./ServiceOrderCard";
import { AttachmentsSection, MessagesSection, SurveySection } from "./TicketSections";

/** Business time left to the response deadline, as "1 h 30 min" (counted in opening hours only). */
const businessTime = (minutes: number) => {
  const m = Math.max(0, Math.round(minutes));
  return m >= 60 ? `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ""}` : `${m} min`;
};

/**
 * The response's state beside its time: «A tiempo» or «Fuera de tiempo» once answered (the label already
 * says it was: «Primera respuesta … · Respondida» said it twice), else how the deadline stands.
 */
const slaKey = (ticket: PortalTicketDetail): PortalKey => {
  if (!ticket.respondedAt) return `sla.${ticket.slaState}` as PortalKey;
  return ticket.slaState === "breached" ? "sla.respondedLate" : "sla.met";
};

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </Stack>
  );
}

function Header({ ticket, zone }: { ticket: PortalTicketDetail; zone: string }) {
  const { t, locale } = usePortalI18n();
  const tbd = t("detail.tbd");
  const withdrawn = ticket.status === "cancelled";
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={700} size="lg" data-testid="folio">
              {ticket.folio}
            </Text>
            <Title order={2} size="h4">
              {ticket.title}
            </Title>
          </Stack>
          <Group gap={4}>
            <Badge variant="light" color={STATUS_COLORS[ticket.status]} data-status={ticket.status}>
              {t(`status.${ticket.status}` as PortalKey)}
            </Badge>
            {ticket.urgent && <Badge color="red">{t("detail.urgent")}</Badge>}
          </Group>
        </Group>
        {ticket.description && (
          <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {ticket.description}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          <Fact label={t("detail.received")} value={when(ticket.receivedAt, zone, locale)} />
          {/* A withdrawn request has no deadline left to read: only what did happen. */}
          {(ticket.respondedAt || !withdrawn) && (
            <Fact
              label={ticket.respondedAt ? t("detail.respondedAt") : t("detail.responseDue")}
              value={`${when(ticket.respondedAt ?? ticket.responseDueAt, zone, locale)} · ${t(slaKey(ticket))}`}
            />
          )}
          {!ticket.respondedAt && ticket.slaState !== "breached" && !withdrawn && (
            <Fact label={t("detail.left")} value={businessTime(ticket.businessMinutesLeft)} />
          )}
          {!withdrawn && (
            <Fact
              label={t("detail.estimated")}
              value={when(ticket.estimatedSolutionAt, zone, locale) || tbd}
            />
          )}
          {ticket.assigneeName && <Fact label={t("detail.assignee")} value={ticket.assigneeName} />}
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

/**
 * A link to a part of the ticket (the survey mail's `#encuesta`) shows that part once the ticket is
 * drawn: the browser looked for it before the data came, and on a phone it sat a screen or two below.
 * Once per arrival, so a later refresh of the data does not pull the page back.
 */
function useScrollToHash(ready: boolean) {
  const { hash, key } = useLocation();
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!ready || !hash || done.current === key) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    done.current = key;
    // Below the fixed header, not under it.
    const header = document.querySelector("header")?.getBoundingClientRect().height ?? 0;
    window.scrollTo({ top: target.getBoundingClientRect().top + window.scrollY - header - 12 });
  }, [ready, hash, key]);
}

export function TicketPage() {
  const { t, locale } = usePortalI18n();
  const { id = "" } = useParams();
  const location = useLocation();
  const zone = usePortalInfo().data?.timeZone ?? "America/Mexico_City";
  const q = useQuery({
    queryKey: ticketKey(id),
    queryFn: () => portalApi<PortalTicketDetail>(`/tickets/${id}`),
  });
  const created = (location.state as { created?: string } | null)?.created;
  useScrollToHash(q.isSuccess);
  if (q.isPending) return <Loader />;
  if (q.isError)
    return (
      <Alert color="red">
        {q.error instanceof PortalApiError && q.error.status === 404
          ? t("error.not_found")
          : t("error.generic")}
      </Alert>
    );
  const ticket = q.data;
  return (
    <Stack>
      <Anchor component={Link} to="/portal" size="sm">
        ← {t("detail.back")}
      </Anchor>
      {created && (
        <Alert color="teal" data-testid="created-notice">
          {t("new.created", { folio: created })}
        </Alert>
      )}
      <Header ticket={ticket} zone={zone} />
      {/* The survey of a closed request is what the contact comes for: before the (signed) order. */}
      {ticket.survey === "open" || ticket.survey === "answered" ? <SurveySection ticket={ticket} /> : null}
      <ServiceOrderCard ticketId={ticket.id} zone={zone} />
      <MessagesSection ticket={ticket} zone={zone} />
      <AttachmentsSection ticket={ticket} />
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          {t("detail.timeline")}
        </Title>
        <Timeline bulletSize={14} lineWidth={2}>
          {ticket.timeline.map((s) => (
            <Timeline.Item key={`${s.at}-${s.action}`} title={t(`step.${s.action}` as PortalKey)}>
              <Text size="xs" c="dimmed">
                {when(s.at, zone, locale)}
              </Text>
              {s.reason && <Text size="sm">{s.reason}</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      </Card>
    </Stack>
  );
}
