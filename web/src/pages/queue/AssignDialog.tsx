// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import { Alert, Badge, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api } from "../../api/client";
import { useCategoryName } from "../../api/clients";
import { type Candidate, ticketKeys, useCandidates, useTransition } from "../../api/tickets";
import { QueryState } from "../../components/QueryState";
import type { TicketDetail, TicketSummary } from "../../contract";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/form";

interface Props {
  ticket: TicketSummary | null;
  onClose: () => void;
}

function CandidateRow({
  candidate,
  rank,
  onAssign,
  busy,
}: {
  candidate: Candidate;
  rank: number;
  onAssign: () => void;
  busy: boolean;
}) {
  const t = useT();
  // Skills are category codes ("windows-server"): a person reads the category's name.
  const categoryName = useCategoryName();
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" data-testid="candidate">
      <Stack gap={2}>
        <Group gap="xs">
          <Text fw={600}>{candidate.current ? candidate.user.name : `${rank}. ${candidate.user.name}`}</Text>
          {/* The score only orders the list; its number means nothing to a person, the reasons do. */}
          {rank === 1 && !candidate.current && (
            <Badge color="teal" variant="light" data-testid="assign-recommended">
              {t("assign.recommended")}
            </Badge>
          )}
          {candidate.current && (
            <Badge color="blue" variant="light" data-testid="assign-holder">
              {t("assign.holder")}
            </Badge>
          )}
          <Badge variant="outline" color="gray">
            {t("assign.open", { count: candidate.openTickets })}
          </Badge>
        </Group>
        {candidate.user.skills.length > 0 && (
          <Text size="xs" c="dimmed" data-testid="candidate-skills">
            {t("assign.skills")}: {candidate.user.skills.map(categoryName).join(", ")}
          </Text>
        )}
        {candidate.reasons.map((reason) => (
          <Text size="sm" key={reason.code} data-testid="assign-reason">
            • {reason.text}
          </Text>
        ))}
      </Stack>
      {/* Handing the ticket to whoever has it is refused: no button that only earns a 409. */}
      {!candidate.current && (
        <Button
          size="sm"
          onClick={onAssign}
          loading={busy}
          aria-label={t("assign.to", { name: candidate.user.name })}
        >
          {t("assign.action")}
        </Button>
      )}
    </Group>
  );
}

function conflictText(t: ReturnType<typeof useT>, current: TicketDetail | null): string {
  if (!current) return t("assign.conflict");
  const who = current.assigneeName ?? t("ticket.unassigned");
  return t("assign.conflictNow", { who, status: t(`status.${current.status}`) });
}

export function AssignDialog({ ticket, onClose }: Props) {
  const t = useT();
  const categoryName = useCategoryName();
  const queryClient = useQueryClient();
  const id = ticket?.id ?? "";
  const candidates = useCandidates(id, !!ticket);
  const transition = useTransition(id);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // After a conflict the dialog works on the ticket's current version, not the stale one.
  const [latest, setLatest] = useState<TicketDetail | null>(null);
  const version = latest?.id === id ? latest.version : ticket?.version;

  const assign = async (candidate: Candidate) => {
    if (!ticket) return;
    setPending(candidate.user.id);
    setError(null);
    try {
      await transition.mutateAsync({
        action: "assign",
        assigneeId: candidate.user.id,
        expectedVersion: version,
      });
      notifications.show({
        color: "teal",
        message: t("assign.done", { folio: ticket.folio, name: candidate.user.name }),
      });
      onClose();
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 409) {
        const current = await api<TicketDetail>(`/api/tickets/${id}`).catch(() => null);
        if (current) {
          queryClient.setQueryData(ticketKeys.detail(id), current);
          setLatest(current);
        }
        setError(conflictText(t, current));
      } else setError(errorMessage(t, cause));
    } finally {
      setPending(null);
    }
  };

  return (
    <Modal
      closeButtonProps={{ "aria-label": t("common.close") }}
      opened={!!ticket}
      onClose={onClose}
      title={t(ticket?.assigneeName ? "assign.reassignTitle" : "assign.title", {
        folio: ticket?.folio ?? "",
        name: ticket?.assigneeName ?? "",
      })}
      size="lg"
    >
      <Stack>
        {ticket && (
          <Text size="sm" c="dimmed">
            {ticket.title} · {ticket.clientName}
            {ticket.category ? ` · ${categoryName(ticket.category)}` : ""}
          </Text>
        )}
        {error && (
          <Alert color="orange" title={t("assign.conflictTitle")} role="alert" data-testid="assign-error">
            {error}
          </Alert>
        )}
        <QueryState query={candidates}>
          {candidates.data?.items.length === 0 && <Text c="dimmed">{t("assign.none")}</Text>}
          <Stack gap="md">
            {candidates.data?.items.map((c, i) => (
              <CandidateRow
                key={c.user.id}
                candidate={c}
                rank={i + 1}
                busy={pending === c.user.id}
                onAssign={() => assign(c)}
              />
            ))}
          </Stack>
        </QueryState>
      </Stack>
    </Modal>
  );
}
