import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router-dom";
import { UrgentBadge } from "../../components/Badges";
import type { Ticket } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime, formatWeekday } from "../../lib/format";

/**
 * A deadline as read out, «lunes 07/12/2026 10:00» (formatWeekdayDateTime's words): the weekday on a
 * line of its own, so the date and time are never split across lines in a half-width column.
 */
function ReadOutDeadline({ at, testId }: { at: string; testId: string }) {
  return (
    <Text fz={34} fw={700} ta="center" lh={1.2} data-testid={testId}>
      <Text span display="block" inherit fz={24} fw={600}>
        {formatWeekday(at)}
      </Text>{" "}
      {formatDateTime(at)}
    </Text>
  );
}

/**
 * What reception reads out to the caller: folio, response deadline and estimated solution time, the
 * deadlines with their weekday (as the ticket's facts show them).
 */
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
            <ReadOutDeadline at={ticket.responseDueAt} testId="result-response" />
          </Stack>
          <Stack gap={0} align="center">
            <Text size="lg">{t("ticket.estimatedSolution")}</Text>
            {ticket.estimatedSolutionAt ? (
              <ReadOutDeadline at={ticket.estimatedSolutionAt} testId="result-solution" />
            ) : (
              <Text fz={34} fw={700} data-testid="result-solution">
                {t("intake.noEstimate")}
              </Text>
            )}
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
