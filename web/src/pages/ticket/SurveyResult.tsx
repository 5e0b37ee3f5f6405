import { Group, Paper, RingProgress, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { type SurveyRecord, useTicketSurvey, useUsers } from "../../api/admin";
import { QueryState } from "../../components/QueryState";
import type { TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime } from "../../lib/format";

const QUESTIONS = ["overall", "technician", "timeliness"] as const;

function Score({ label, value, testId }: { label: string; value: number | null; testId: string }) {
  const score = value ?? 0;
  const color = score >= 4 ? "teal" : score === 3 ? "yellow" : "red";
  return (
    <Group gap="xs" wrap="nowrap">
      <RingProgress
        size={48}
        thickness={5}
        sections={[{ value: (score / 5) * 100, color }]}
        label={
          <Text ta="center" fw={700} size="sm" data-testid={testId}>
            {value ?? "—"}
          </Text>
        }
      />
      <Text size="sm">{label}</Text>
    </Group>
  );
}

function Answered({ survey }: { survey: SurveyRecord }) {
  const t = useT();
  const users = useUsers();
  const who = users.data?.items.find((u) => u.id === survey.recordedBy)?.name ?? survey.recordedBy ?? "—";
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {QUESTIONS.map((q) => (
          <Score key={q} label={t(`survey.score.${q}`)} value={survey[q]} testId={`survey-score-${q}`} />
        ))}
      </SimpleGrid>
      <Text className="mesa-pre" data-testid="survey-comments" c={survey.comments ? undefined : "dimmed"}>
        {survey.comments || t("survey.noComments")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("survey.recordedBy", { who, at: formatDateTime(survey.recordedAt) })}
      </Text>
    </Stack>
  );
}

/** The satisfaction survey of a closed ticket: scores and comments, unreachable, or still pending. */
export function SurveyResult({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const query = useTicketSurvey(ticket.id, ticket.status === "closed");
  if (ticket.status !== "closed") return null;
  const survey = query.data?.survey ?? null;
  const attempts = query.data?.attempts.length ?? 0;
  return (
    <Paper withBorder p="md" data-testid="survey-result">
      <Title order={3} size="h5" mb="sm">
        {t("survey.result")}
      </Title>
      <QueryState query={query}>
        {survey?.outcome === "answered" ? (
          <Answered survey={survey} />
        ) : survey?.outcome === "unreachable" ? (
          <Text>{t("survey.unreachableResult", { n: attempts })}</Text>
        ) : (
          <Stack gap={2}>
            <Text c="dimmed">{t("survey.none")}</Text>
            {attempts > 0 && <Text size="sm">{t("survey.attemptsCount", { n: attempts })}</Text>}
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}
