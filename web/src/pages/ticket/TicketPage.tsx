// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/FloatingIndicator.layer.css";
import "@mantine/core/styles/Combobox.layer.css";
import "@mantine/core/styles/InlineInput.layer.css";
import "@mantine/core/styles/Grid.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import "@mantine/core/styles/NumberInput.layer.css";
import "@mantine/core/styles/RingProgress.layer.css";
import "@mantine/core/styles/SegmentedControl.layer.css";
import "@mantine/core/styles/SimpleGrid.layer.css";
import "@mantine/core/styles/Switch.layer.css";
import "@mantine/core/styles/Table.layer.css";
import "@mantine/core/styles/Tabs.layer.css";
import "@mantine/core/styles/Timeline.layer.css";
import "@mantine/dates/styles.layer.css";
import { Alert, Badge, Grid, Group, Paper, Stack, Tabs, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useParams } from "react-router-dom";
import { useMe } from "../../api/auth";
import { useTicket } from "../../api/tickets";
import { SlaBadge, StatusBadge, UrgentBadge } from "../../components/Badges";
import { HistoryTimeline } from "../../components/HistoryTimeline";
import { QueryState } from "../../components/QueryState";
import type { Me, TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { useHasDraft } from "../../lib/drafts";
import { hasRole, ticketListFor } from "../../lib/roles";
import { AcceptancePanel } from "./AcceptancePanel";
import { BillableCorrection } from "./BillableCorrection";
import { ChargesPanel } from "./ChargesPanel";
import { ClassificationPanel } from "./ClassificationPanel";
import { BillingStatusEditor, ClosePanel } from "./ClosePanel";
import { LinkSenderPanel } from "./LinkSenderPanel";
import { MessagesPanel } from "./MessagesPanel";
import { NotAssigned, reassignedTo } from "./NotAssigned";
import { canOverrideRate, RatePanel } from "./RatePanel";
import { ReviewPanel } from "./ReviewPanel";
import { RoadLinks } from "./RoadLinks";
import { SentBackNotice } from "./SentBackNotice";
import { ServiceOrderLink } from "./ServiceOrderLink";
import { SurveyResult } from "./SurveyResult";
import { TicketActions } from "./TicketActions";
import { TicketFacts } from "./TicketFacts";
import { TimeEntries } from "./TimeEntries";
import { TimeEntryForm } from "./TimeEntryForm";
import { canHandleWarranty, WarrantyPanel } from "./WarrantyPanel";

const OPEN_WORK = ["assigned", "in_progress", "attended"];

/** Who may log work on the ticket now (the server has the last word). */
function canWork(me: Me, ticket: TicketDetail): boolean {
  if (!OPEN_WORK.includes(ticket.status)) return false;
  return (
    hasRole(me.roles, "senior", "admin") || (hasRole(me.roles, "technician") && ticket.assigneeId === me.id)
  );
}

function Header({ ticket }: { ticket: TicketDetail }) {
  return (
    <Stack gap={4} mb="md">
      <Group gap="sm">
        <Title order={1} size="h2" className="mesa-folio" data-testid="ticket-folio">
          {ticket.folio}
        </Title>
        <StatusBadge status={ticket.status} />
        <UrgentBadge urgent={ticket.urgent} />
        {ticket.status !== "closed" && ticket.status !== "cancelled" && <SlaBadge ticket={ticket} />}
      </Group>
      <Text size="lg" fw={500} data-testid="ticket-title">
        {ticket.title}
      </Text>
      <RoadLinks ticket={ticket} />
    </Stack>
  );
}

/** «Borrador» on a tab whose form holds unsent text (the tab's panel is not mounted until opened). */
function DraftDot({ formKey, ticketId }: { formKey: string; ticketId: string }) {
  const t = useT();
  if (!useHasDraft(formKey, ticketId)) return null;
  return (
    <Badge size="xs" color="orange" variant="light" data-testid={`draft-${formKey}`}>
      {t("ticket.tab.draft")}
    </Badge>
  );
}

function Work({ ticket, me }: { ticket: TicketDetail; me: Me }) {
  const t = useT();
  const working = canWork(me, ticket);
  const chargesEditable = working || (hasRole(me.roles, "leader") && ticket.status !== "closed");
  // Time stays open to correction until the review freezes it (the server's rule in work/corrections.ts).
  const timeOpen = working && ["in_progress", "attended"].includes(ticket.status);
  const timeCorrectable = (entry: TicketDetail["timeEntries"][number]) =>
    timeOpen && (hasRole(me.roles, "senior", "admin") || entry.userId === me.id);
  // Controlled so that each switch reads the drafts again (DraftDot's key): leaving a tab saves its draft.
  const [tab, setTab] = useState<string | null>("work");
  // The client signed the work as it stood: changing it voids that (server: ticket-work.ts touchWork).
  const voidsAcceptance =
    ticket.status === "attended" && !!ticket.acceptance && (timeOpen || chargesEditable);
  return (
    <>
      {voidsAcceptance && (
        <Alert color="yellow" data-testid="work-voids-acceptance">
          {t("work.acceptedNotice", { name: ticket.acceptance?.signerName ?? "" })}
        </Alert>
      )}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="work">{t("ticket.tab.work", { n: ticket.timeEntries.length })}</Tabs.Tab>
          <Tabs.Tab
            value="messages"
            rightSection={<DraftDot key={`message-${tab}`} formKey="message" ticketId={ticket.id} />}
          >
            {t("ticket.tab.messages", { n: ticket.messages.length })}
          </Tabs.Tab>
          <Tabs.Tab
            value="charges"
            rightSection={<DraftDot key={`charge-${tab}`} formKey="charge" ticketId={ticket.id} />}
          >
            {t("ticket.tab.charges", { n: ticket.charges.length })}
          </Tabs.Tab>
          <Tabs.Tab value="history">{t("ticket.tab.history")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="work" pt="md">
          <Stack>
            <TimeEntries ticket={ticket} correctable={timeCorrectable} />
            {working && ticket.status === "in_progress" && <TimeEntryForm ticketId={ticket.id} />}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="messages" pt="md">
          <MessagesPanel ticket={ticket} editable={ticket.status !== "cancelled"} />
        </Tabs.Panel>
        <Tabs.Panel value="charges" pt="md">
          <ChargesPanel ticket={ticket} editable={chargesEditable} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistoryTimeline history={ticket.history} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function TicketView({ ticket, me }: { ticket: TicketDetail; me: Me }) {
  const t = useT();
  const billingEditable = hasRole(me.roles, "leader", "admin") && ticket.status === "closed";
  const correctsBillable = hasRole(me.roles, "senior", "admin") && ticket.billableFrozen;
  const classifiable =
    hasRole(me.roles, "reception", "leader", "admin") &&
    ["new", "assigned", "in_progress"].includes(ticket.status);
  return (
    <>
      <Header ticket={ticket} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <SentBackNotice ticket={ticket} meId={me.id} />
            <LinkSenderPanel ticket={ticket} />
            <TicketActions ticket={ticket} />
            {/* What the client asked for comes before the panels about it (warranty, survey): on a phone it is read first. */}
            <Paper withBorder p="md">
              <Text fw={600} mb={4}>
                {t("ticket.description")}
              </Text>
              <Text className="mesa-pre" data-testid="ticket-description">
                {ticket.description || "—"}
              </Text>
            </Paper>
            <ReviewPanel ticket={ticket} />
            <ClosePanel ticket={ticket} />
            <AcceptancePanel ticket={ticket} />
            <ServiceOrderLink ticket={ticket} />
            {billingEditable && <BillingStatusEditor ticket={ticket} />}
            {correctsBillable && <BillableCorrection ticket={ticket} />}
            {canOverrideRate(me.roles, ticket) && <RatePanel ticket={ticket} />}
            <SurveyResult ticket={ticket} />
            <WarrantyPanel ticket={ticket} editable={canHandleWarranty(me.roles, me.id, ticket)} />
            <Work ticket={ticket} me={me} />
            {classifiable && <ClassificationPanel key={ticket.id} ticket={ticket} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TicketFacts ticket={ticket} />
        </Grid.Col>
      </Grid>
    </>
  );
}

export default function TicketPage() {
  const t = useT();
  const { id = "" } = useParams();
  const ticket = useTicket(id);
  const me = useMe();
  if (!me.data) return null;
  const holder = reassignedTo(ticket.error);
  if (holder !== null) return <NotAssigned assigneeName={holder} />;
  const list = ticketListFor(me.data.roles);
  const gone = {
    title: t("ticket.notFound.title"),
    message: t("ticket.notFound"),
    back: { to: list.to, label: t(list.label) },
  };
  return (
    <QueryState query={ticket} gone={gone}>
      {ticket.data ? <TicketView ticket={ticket.data} me={me.data} /> : <Alert>{t("ticket.notFound")}</Alert>}
    </QueryState>
  );
}
