import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { UrgentBadge } from "../../components/Badges";
import type { Ticket } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime } from "../../lib/format";

/** What reception reads out to the caller: folio, response deadline and estimated solution time. */
export function IntakeResult({ ticket, onNext }: { ticket: Ticket; onNext: () => void }) {
  const t = useT();
  return (
    <Paper withBorder p="xl" bg="teal.0" data-testid="intake-result">
      <Stack gap="lg" align="center">
        <Text size="lg" fw={500}>
          {t("intake.readOut")}
        </Text>
        <Title order={2} className="mesa-folio" fz={56} c="teal.9" data-testid="result-folio">
          {ticket.folio}
        </Title>
        <Group gap="xs">
          <UrgentBadge urgent={ticket.urgent} />
          <Text c="dimmed">
            {ticket.clientName} · {t(`kind.${ticket.serviceKind}`)}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xl" w="100%">
          <Stack gap={0} align="center">
            <Text size="lg">{t("ticket.responseDue")}</Text>
            <Text fz={34} fw={700} data-testid="result-response">
              {formatDateTime(ticket.responseDueAt)}
            </Text>
          </Stack>
          <Stack gap={0} align="center">
            <Text size="lg">{t("ticket.estimatedSolution")}</Text>
            <Text fz={34} fw={700} data-testid="result-solution">
              {ticket.estimatedSolutionAt
                ? formatDateTime(ticket.estimatedSolutionAt)
                : t("intake.noEstimate")}
            </Text>
          </Stack>
        </SimpleGrid>
        <Group>
          <Button size="md" onClick={onNext} autoFocus data-testid="next-call">
            {t("intake.nextCall")}
          </Button>
          <Button size="md" variant="default" component={Link} to={`/tickets/${ticket.id}`}>
            {t("intake.openTicket")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
