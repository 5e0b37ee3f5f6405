import { Alert, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { FormEvent } from "react";
import { useAddMessage } from "../../api/tickets";
import { DraftNotice } from "../../components/DraftNotice";
import { MessageBody, type TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { useDraft } from "../../lib/drafts";
import { useForm } from "../../lib/form";
import { formatDateTime } from "../../lib/format";
import { useLeaveGuard } from "../../lib/leaveGuard";
import { AttachmentsPanel } from "./AttachmentsPanel";

type Kind = "message" | "call" | "note";
const COLORS: Record<Kind, string> = { message: "blue", call: "grape", note: "yellow" };

function MessageForm({ ticketId }: { ticketId: string }) {
  const t = useT();
  // Three kinds side by side are wider than a phone: stacked there, as the attention modes are.
  const narrow = useMediaQuery("(max-width: 36em)");
  const add = useAddMessage(ticketId);
  const form = useForm({ kind: "message" as Kind, body: "" }, t);
  const draft = useDraft("message", form, {
    initial: form.values,
    ticketId,
    worthKeeping: (v) => v.body.trim() !== "",
  });
  useLeaveGuard(draft.dirty);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.validate(MessageBody, form.values);
    if (body)
      add.mutate(body, {
        onSuccess: () => draft.clear({ kind: body.kind, body: "" }),
        onError: (e) => form.showError(e),
      });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="message-form">
      <Stack gap="xs">
        <DraftNotice draft={draft} />
        <SegmentedControl
          fullWidth
          orientation={narrow ? "vertical" : "horizontal"}
          aria-label={t("message.kind")}
          data-testid="message-kind"
          value={form.values.kind}
          onChange={(v) => form.set("kind", v as Kind)}
          data={(["message", "call", "note"] as const).map((k) => ({
            value: k,
            label: t(`message.kind.${k}`),
          }))}
        />
        <Textarea
          aria-label={t("message.body")}
          placeholder={t(`message.placeholder.${form.values.kind}`)}
          autosize
          minRows={2}
          value={form.values.body}
          onChange={(e) => form.set("body", e.currentTarget.value)}
          error={form.errors.body}
          data-testid="message-body"
        />
        {form.formError && <Alert color="red">{form.formError}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={add.isPending} data-testid="message-submit">
            {t(`message.send.${form.values.kind}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Messages to the client, logged calls and internal notes (never shown to the client). */
export function MessagesPanel({ ticket, editable }: { ticket: TicketDetail; editable: boolean }) {
  const t = useT();
  return (
    <Stack gap="sm">
      {ticket.messages.length === 0 && <Text c="dimmed">{t("message.none")}</Text>}
      {ticket.messages.map((m) => (
        <Paper
          key={m.id}
          withBorder
          p="sm"
          bg={m.visibility === "internal" ? "yellow.0" : undefined}
          data-testid="message"
        >
          <Group justify="space-between" mb={4}>
            <Group gap="xs">
              <Text fw={600} size="sm">
                {m.authorName ?? t("message.client")}
              </Text>
              {m.emailFrom && (
                <Text size="xs" c="dimmed" data-testid="message-email-from">
                  {t("message.viaEmail", { from: m.emailFrom })}
                </Text>
              )}
              <Badge size="xs" color={COLORS[m.kind]} variant="light" data-testid="message-kind-label">
                {t(
                  m.fromClient && m.kind === "message" ? "message.kind.fromClient" : `message.kind.${m.kind}`,
                )}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {formatDateTime(m.createdAt)}
            </Text>
          </Group>
          <Text size="sm" className="mesa-pre">
            {m.body}
          </Text>
        </Paper>
      ))}
      <AttachmentsPanel ticketId={ticket.id} editable={editable} />
      {editable && <MessageForm ticketId={ticket.id} />}
    </Stack>
  );
}
