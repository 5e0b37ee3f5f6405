import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { useCallback, useState } from "react";
import { DraftNotice } from "../../components/DraftNotice";
import { ReasonDialog } from "../../components/ReasonDialog";
import type { TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { useDraft } from "../../lib/drafts";
import { formatMinutes, formatMoney, roundUp } from "../../lib/format";
import { useLeaveGuard } from "../../lib/leaveGuard";
import { EarlierSendBack } from "./EarlierSendBack";
import { useRunTransition } from "./useRunTransition";

/** Default rounding of the seed: contract → next quarter hour, event → next whole hour. */
export function roundedPreview(
  ticket: Pick<TicketDetail, "billableFrozen" | "billableMinutes" | "rawMinutes" | "serviceKind">,
) {
  if (ticket.billableFrozen) return ticket.billableMinutes;
  return roundUp(ticket.rawMinutes, ticket.serviceKind === "contract" ? 15 : 60);
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

/** Senior review: totals (raw and rounded), charges, acceptance; approve or send back. */
export function ReviewPanel({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const { run, error, busy, clearError } = useRunTransition(ticket);
  const [override, setOverride] = useState("");
  const restore = useCallback((v: { override: string }) => setOverride(v.override), []);
  const draft = useDraft(
    "review",
    { values: { override }, setValues: restore },
    { initial: { override: "" }, ticketId: ticket.id },
  );
  const [missing, setMissing] = useState(false);
  const [sendingBack, setSendingBack] = useState(false);
  const canReview = ticket.availableActions.includes("review");
  const canSendBack = ticket.availableActions.includes("send_back");
  useLeaveGuard(draft.dirty && canReview); // a draft of a ticket no longer in review is not in the way
  if (!canReview && !canSendBack) return null;

  const approve = async () => {
    if (!ticket.acceptance && !override.trim()) return setMissing(true);
    if (await run({ action: "review", reason: ticket.acceptance ? undefined : override.trim() }))
      draft.clear();
  };
  const sendBack = async (reason: string) => {
    if (await run({ action: "send_back", reason })) setSendingBack(false);
  };

  return (
    <Paper withBorder p="md" bg="blue.0" data-testid="review-panel">
      <Title order={3} size="h4" mb="sm">
        {t("review.title")}
      </Title>
      <EarlierSendBack ticket={ticket} />
      <SimpleGrid cols={{ base: 2, sm: 4 }} mb="sm">
        <Figure label={t("review.raw")} value={formatMinutes(ticket.rawMinutes)} testId="review-raw" />
        <Figure
          label={t(ticket.billableFrozen ? "review.rounded" : "review.roundedEstimate")}
          value={formatMinutes(roundedPreview(ticket))}
          testId="review-rounded"
        />
        <Figure label={t("review.kind")} value={t(`kind.${ticket.serviceKind}`)} />
        <Figure label={t("review.charges")} value={formatMoney(ticket.chargesTotalCents)} />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mb="sm">
        {t(ticket.serviceKind === "contract" ? "review.roundingContract" : "review.roundingEvent")}
      </Text>
      <DraftNotice draft={draft} />
      {!ticket.acceptance && canReview && (
        <Textarea
          label={t("review.overrideLabel")}
          description={t("review.overrideHint")}
          value={override}
          onChange={(e) => {
            setOverride(e.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? t("common.reasonRequired") : undefined}
          mb="sm"
          data-testid="review-override"
        />
      )}
      {error && !sendingBack && (
        <Alert color="red" mb="sm" role="alert">
          {error}
        </Alert>
      )}
      <Group>
        {canReview && (
          <Button color="teal" onClick={approve} loading={busy} data-testid="action-review">
            {t("action.review")}
          </Button>
        )}
        {canSendBack && (
          <Button
            variant="default"
            color="orange"
            onClick={() => {
              clearError();
              setSendingBack(true);
            }}
            data-testid="action-send_back"
          >
            {t("action.send_back")}
          </Button>
        )}
      </Group>
      <ReasonDialog
        opened={sendingBack}
        title={t("action.send_back")}
        label={t("review.sendBackReason")}
        // Sending back voids the client's acceptance (the work will change): the senior is told first.
        notice={
          ticket.acceptance
            ? t("review.sendBackVoidsAcceptance", { name: ticket.acceptance.signerName ?? "" })
            : null
        }
        confirm={t("action.send_back")}
        color="orange"
        error={error}
        busy={busy}
        onClose={() => setSendingBack(false)}
        onConfirm={sendBack}
      />
    </Paper>
  );
}
