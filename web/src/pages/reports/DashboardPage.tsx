// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/Card.layer.css";
import "@mantine/core/styles/SimpleGrid.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { useDashboard } from "../../api/reports";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { WideTable } from "../../components/WideTable";
import type { Dashboard } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime, formatMinutes } from "../../lib/format";
import { ReportChart } from "./Chart";

type Item = Dashboard["breached"]["items"][number];

function TicketLinks({ items, testId }: { items: Item[]; testId: string }) {
  const t = useT();
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t("dash.none")}
      </Text>
    );
  return (
    <Stack gap={4} data-testid={testId}>
      {items.map((i) => (
        <Group key={i.id} gap="xs" wrap="nowrap">
          <Anchor component={Link} to={`/tickets/${i.id}`} className="mesa-folio" fw={600} size="sm">
            {i.folio}
          </Anchor>
          {i.urgent && (
            <Badge color="red" size="xs" variant="light">
              {t("ticket.urgent")}
            </Badge>
          )}
          <Text size="sm" lineClamp={1}>
            {i.clientName}
          </Text>
          {/* Whom to ask about it, or that nobody has it yet: the morning check's next step. */}
          <Text
            size="xs"
            c={i.assigneeName ? undefined : "orange"}
            className="mesa-nowrap"
            data-testid="dash-assignee"
          >
            {i.assigneeName ?? t("ticket.unassigned")}
          </Text>
          <Text size="xs" c="dimmed" className="mesa-nowrap">
            {t("dash.due")} {formatDateTime(i.responseDueAt)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

function Stat({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number;
  color?: string;
  testId: string;
}) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

function DashboardBody({ d }: { d: Dashboard }) {
  const t = useT();
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Stat label={t("dash.unassigned")} value={d.unassigned} testId="dash-unassigned" />
        <Stat label={t("dash.breached")} value={d.breached.count} color="red" testId="dash-breached" />
        <Stat label={t("dash.near")} value={d.nearBreach.count} color="orange" testId="dash-near" />
        <Stat
          label={t("dash.todayIntake")}
          value={d.todayByChannel.reduce((a, c) => a + c.count, 0)}
          testId="dash-today"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t("dash.byStatus")}
          </Title>
          <ReportChart
            label={t("dash.byStatus")}
            data={d.byStatus.map((s) => ({ status: t(`status.${s.status}`), count: s.count }))}
            dataKey="status"
            series={[{ name: "count", label: t("rep.tickets"), color: "blue.6" }]}
          />
          <Group gap="xs">
            {d.todayByChannel.map((c) => (
              <Badge key={c.channel} variant="light">
                {t(`channel.${c.channel}`)}: {c.count}
              </Badge>
            ))}
          </Group>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t("dash.breached")}
          </Title>
          <TicketLinks items={d.breached.items} testId="dash-breached-list" />
          <Title order={2} size="h4" my="xs">
            {t("dash.near")}
          </Title>
          <TicketLinks items={d.nearBreach.items} testId="dash-near-list" />
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t("dash.technicians")}
        </Title>
        <WideTable minWidth={360}>
          <Table data-testid="dash-technicians">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("common.name")}</Table.Th>
                <Table.Th ta="right">{t("dash.openTickets")}</Table.Th>
                <Table.Th ta="right">{t("dash.hoursThisWeek")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.technicians.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.name}</Table.Td>
                  <Table.Td ta="right">{u.openTickets}</Table.Td>
                  <Table.Td ta="right">{formatMinutes(u.minutesThisWeek)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      </Card>
    </Stack>
  );
}

export default function DashboardPage() {
  const t = useT();
  const query = useDashboard();
  return (
    <>
      <PageHeader title={t("dash.title")} subtitle={t("dash.subtitle")} />
      <QueryState query={query}>{query.data && <DashboardBody d={query.data} />}</QueryState>
    </>
  );
}
