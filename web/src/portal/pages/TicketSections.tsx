import {
  Alert,
  Anchor,
  Button,
  Card,
  FileButton,
  Group,
  Rating,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ATTACHMENT_MAX_BYTES } from "../../lib/fileSize";
import { fileToBase64, PortalApiError, portalApi } from "../api";
import { fileSize, when } from "../format";
import { usePortalI18n } from "../i18n";
import { ticketKey } from "../session";
import type { PortalTicketDetail } from "../types";

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ticketKey(id) });
}

const errorText = (err: unknown, fallback: string) =>
  err instanceof PortalApiError && err.message ? err.message : fallback;

export function MessagesSection({ ticket, zone }: { ticket: PortalTicketDetail; zone: string }) {
  const { t, locale } = usePortalI18n();
  const refresh = useRefresh(ticket.id);
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await portalApi(`/tickets/${ticket.id}/messages`, "POST", { body: body.trim() });
      setBody("");
      await refresh();
    } catch (err) {
      setError(errorText(err, t("error.generic")));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">
        {t("detail.messages")}
      </Title>
      <Stack gap="sm">
        {ticket.messages.length === 0 && <Text c="dimmed">{t("detail.noMessages")}</Text>}
        {ticket.messages.map((m) => (
          <Card key={m.id} padding="xs" bg={m.fromClient ? "teal.0" : "gray.0"}>
            <Text size="xs" c="dimmed">
              {m.fromClient ? t("detail.you") : m.authorName} · {when(m.createdAt, zone, locale)}
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              {m.body}
            </Text>
          </Card>
        ))}
        {ticket.status !== "cancelled" && (
          <form onSubmit={send}>
            <Stack gap="xs">
              <Textarea
                aria-label={t("detail.message")}
                placeholder={t("detail.message")}
                autosize
                minRows={2}
                maxLength={20_000}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
              />
              {error && <Alert color="red">{error}</Alert>}
              <Group justify="flex-end">
                <Button type="submit" loading={busy} disabled={!body.trim()}>
                  {t("detail.send")}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

export function AttachmentsSection({ ticket }: { ticket: PortalTicketDetail }) {
  const { t } = usePortalI18n();
  const refresh = useRefresh(ticket.id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File | null) => {
    if (!file) return;
    if (file.size > ATTACHMENT_MAX_BYTES) {
      setError(t("detail.tooBig"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const dataBase64 = await fileToBase64(file);
      await portalApi(`/tickets/${ticket.id}/attachments`, "POST", { filename: file.name, dataBase64 });
      await refresh();
    } catch (err) {
      setError(errorText(err, t("error.generic")));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">
        {t("detail.attachments")}
      </Title>
      <Stack gap="xs">
        {ticket.attachments.length === 0 && <Text c="dimmed">{t("detail.noAttachments")}</Text>}
        {ticket.attachments.map((a) => (
          <Anchor key={a.id} href={`/api/portal/tickets/${ticket.id}/attachments/${a.id}`} size="sm">
            {a.filename} ({fileSize(a.size)})
          </Anchor>
        ))}
        {error && <Alert color="red">{error}</Alert>}
        {ticket.status !== "cancelled" && (
          <Group>
            <FileButton onChange={upload}>
              {(props) => (
                <Button variant="light" loading={busy} {...props}>
                  {t("detail.attach")}
                </Button>
              )}
            </FileButton>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export function SurveySection({ ticket }: { ticket: PortalTicketDetail }) {
  const { t } = usePortalI18n();
  const refresh = useRefresh(ticket.id);
  const [scores, setScores] = useState({ overall: 0, technician: 0, timeliness: 0 });
  const [comments, setComments] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (ticket.survey === "answered")
    return (
      <Alert color="teal" id="encuesta">
        {t("survey.thanks")}
      </Alert>
    );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!scores.overall || !scores.technician || !scores.timeliness) {
      setError(t("survey.required"));
      return;
    }
    setBusy(true);
    try {
      await portalApi(`/tickets/${ticket.id}/survey`, "POST", { ...scores, comments: comments.trim() });
      await refresh();
    } catch (err) {
      setError(errorText(err, t("error.generic")));
    } finally {
      setBusy(false);
    }
  };
  // Each question's stars are a group named by the question, each star read as «4 de 5». An arrow
  // key checks the next star's radio, which Mantine's Rating takes as a hover only: its change is the
  // answer here (a tap's change gives the same value its click already set).
  const question = (key: keyof typeof scores, label: string) => (
    <Stack
      gap={2}
      role="radiogroup"
      aria-labelledby={`encuesta-${key}`}
      onChange={(e) => {
        const star = e.target as HTMLInputElement;
        const n = Number(star.value);
        if (star.type === "radio" && Number.isInteger(n) && n >= 1 && n <= 5)
          setScores((s) => ({ ...s, [key]: n }));
      }}
    >
      <Text size="sm" id={`encuesta-${key}`}>
        {label}
      </Text>
      <Rating
        size="lg"
        value={scores[key]}
        onChange={(v) => setScores((s) => ({ ...s, [key]: v }))}
        getSymbolLabel={(n) => (n === 0 ? t("survey.noStars") : t("survey.stars", { n }))}
      />
    </Stack>
  );
  return (
    <Card withBorder id="encuesta">
      <form onSubmit={submit}>
        <Stack>
          <Title order={3} size="h5">
            {t("survey.title")}
          </Title>
          {question("overall", t("survey.overall"))}
          {question("technician", t("survey.technician"))}
          {question("timeliness", t("survey.timeliness"))}
          <Textarea
            label={t("survey.comments")}
            maxLength={5000}
            value={comments}
            onChange={(e) => setComments(e.currentTarget.value)}
          />
          {error && <Alert color="red">{error}</Alert>}
          <Button type="submit" loading={busy}>
            {t("survey.submit")}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
