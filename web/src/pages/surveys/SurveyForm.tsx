import {
  Alert,
  Anchor,
  Button,
  Group,
  Input,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { Link } from "react-router-dom";
import { type SurveyQueueItem, useSurveyMutations } from "../../api/admin";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/form";
import { SurveyLinkNotice } from "./SurveyLinkSent";

type Question = "overall" | "technician" | "timeliness";
const QUESTIONS: Question[] = ["overall", "technician", "timeliness"];
const SCORES = ["1", "2", "3", "4", "5"];

/**
 * «Enviar enlace por correo» and where the link goes, when the ticket's contact has a portal account;
 * otherwise why there is no link to send (no contact at all, or a contact without an account).
 */
function SendLink({
  ticket,
  onSend,
  sending,
}: {
  ticket: SurveyQueueItem;
  onSend: () => void;
  sending: boolean;
}) {
  const t = useT();
  if (!ticket.surveyLinkTo)
    return (
      <Stack gap={2} align="flex-end" maw={320}>
        <Text size="sm" c="dimmed" data-testid="survey-no-portal-account">
          {t(ticket.contactId ? "survey.noPortalAccount" : "survey.noContact")}
        </Text>
        {ticket.contactId && (
          <Anchor
            component={Link}
            to={`/clients?client=${encodeURIComponent(ticket.clientId)}&tab=contacts`}
            size="sm"
            data-testid="survey-open-client"
          >
            {t("survey.openClient", { client: ticket.clientName })}
          </Anchor>
        )}
      </Stack>
    );
  const goesTo = t("survey.linkGoesTo", { email: ticket.surveyLinkTo });
  return (
    <Stack gap={2} align="flex-end">
      <Button variant="light" onClick={onSend} loading={sending} data-testid="survey-send-link">
        {t(ticket.surveyLinkSentAt ? "survey.resendLink" : "survey.sendLink")}
      </Button>
      <Text size="xs" c="dimmed" data-testid="survey-link-to">
        {goesTo}
      </Text>
    </Stack>
  );
}

/** Records the satisfaction call's answers, or an unreachable attempt; or mails the survey link. */
export function SurveyForm({ ticket, onDone }: { ticket: SurveyQueueItem; onDone: () => void }) {
  const t = useT();
  const { record, attempt, sendLink } = useSurveyMutations(ticket.id);
  const [scores, setScores] = useState<Record<Question, string>>({
    overall: "",
    technician: "",
    timeliness: "",
  });
  const [comments, setComments] = useState("");
  const [note, setNote] = useState("");
  const [missing, setMissing] = useState(false);
  const done = (message: string) => {
    notifications.show({ color: "teal", message });
    onDone();
  };
  const save = () => {
    if (QUESTIONS.some((q) => !scores[q])) return setMissing(true);
    record.mutate(
      {
        overall: Number(scores.overall),
        technician: Number(scores.technician),
        timeliness: Number(scores.timeliness),
        comments: comments.trim() || undefined,
      },
      { onSuccess: () => done(t("survey.saved", { folio: ticket.folio })) },
    );
  };
  const unreachable = () =>
    attempt.mutate({ note: note.trim() || undefined }, { onSuccess: () => done(t("survey.attemptSaved")) });
  const mailLink = () =>
    sendLink.mutate(undefined, {
      onSuccess: (r) =>
        notifications.show({ color: "teal", message: t("survey.linkSent", { email: r.sentTo }) }),
    });
  const error = record.error ?? attempt.error ?? sendLink.error;
  return (
    <Stack data-testid="survey-form">
      <SurveyLinkNotice item={ticket} />
      {QUESTIONS.map((q) => (
        <Input.Wrapper
          key={q}
          label={t(`survey.q.${q}`)}
          error={missing && !scores[q] ? t("survey.answer") : undefined}
        >
          <SegmentedControl
            aria-label={t(`survey.q.${q}`)}
            fullWidth
            mt={4}
            data={SCORES}
            value={scores[q]}
            onChange={(v) => {
              setScores((s) => ({ ...s, [q]: v }));
              setMissing(false);
            }}
            data-testid={`survey-${q}`}
          />
        </Input.Wrapper>
      ))}
      <Textarea
        label={t("survey.comments")}
        value={comments}
        onChange={(e) => setComments(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      {error && <Alert color="red">{errorMessage(t, error)}</Alert>}
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end" gap="xs">
          <TextInput
            label={t("survey.attemptNote")}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Button
            variant="default"
            onClick={unreachable}
            loading={attempt.isPending}
            data-testid="survey-unreachable"
          >
            {t("survey.unreachable")}
          </Button>
        </Group>
        <Group gap="xs">
          <SendLink ticket={ticket} onSend={mailLink} sending={sendLink.isPending} />
          <Button onClick={save} loading={record.isPending} data-testid="survey-save">
            {t("survey.save")}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
