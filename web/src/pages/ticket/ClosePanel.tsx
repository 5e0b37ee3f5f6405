import { Alert, Button, Group, Paper, Select, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useCallback, useState } from "react";
import { billingAtClose } from "../../../../src/domain/billing/close";
import { usePatchTicket } from "../../api/tickets";
import { ConflictDialog } from "../../components/ConflictDialog";
import { DraftNotice } from "../../components/DraftNotice";
import {
  type BillingStatus,
  BillingStatus as BillingStatusSchema,
  type Ticket,
  type TicketDetail,
} from "../../contract";
import { useT } from "../../i18n";
import { conflictCurrent, useEditConflict } from "../../lib/conflict";
import { useDraft } from "../../lib/drafts";
import { errorMessage } from "../../lib/form";
import { useLeaveGuard } from "../../lib/leaveGuard";
import { ClosedNext } from "./ClosedNext";
import { useRunTransition } from "./useRunTransition";

function useBillingOptions() {
  const t = useT();
  return BillingStatusSchema.options.map((s) => ({ value: s, label: t(`billing.${s}`) }));
}

/** The close panel's choice: a billing status, or `auto` (none sent: the server decides at close). */
type CloseBilling = BillingStatus | "auto";

/**
 * Leader: close a reviewed ticket. By default no billing status is sent, so the server applies its
 * rule at close (billingAtClose: per event → to invoice, with its draft; contract → no charge unless it
 * has extra charges); the option says what that will be. The leader may still choose one.
 */
export function ClosePanel({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const statuses = useBillingOptions();
  const automatic = billingAtClose(ticket.serviceKind, ticket.charges.length > 0);
  const options = [
    { value: "auto", label: t("close.billingAuto", { status: t(`billing.${automatic}`) }) },
    ...statuses,
  ];
  const { run, error, busy } = useRunTransition(ticket);
  const [billing, setBilling] = useState<CloseBilling>("auto");
  const restore = useCallback((v: { billing: CloseBilling }) => setBilling(v.billing), []);
  const draft = useDraft(
    "close",
    { values: { billing }, setValues: restore },
    { initial: { billing: "auto" as CloseBilling }, ticketId: ticket.id },
  );
  // Closed from this page (not a closed ticket merely opened): what came of it and the next one.
  const [closedHere, setClosedHere] = useState(false);
  const canClose = ticket.availableActions.includes("close");
  useLeaveGuard(draft.dirty && canClose);
  if (closedHere && ticket.status === "closed") return <ClosedNext ticket={ticket} />;
  if (!canClose) return null;
  const close = async () => {
    const input =
      billing === "auto"
        ? { action: "close" as const }
        : { action: "close" as const, billingStatus: billing };
    if (await run(input)) {
      draft.clear();
      setClosedHere(true);
    }
  };
  return (
    <Paper withBorder p="md" bg="teal.0" data-testid="close-panel">
      <Title order={3} size="h4" mb="sm">
        {t("close.title")}
      </Title>
      <DraftNotice draft={draft} />
      <Group align="flex-end">
        <Select
          label={t("ticket.billingStatus")}
          data={options}
          value={billing}
          onChange={(v) => v && setBilling(v as CloseBilling)}
          allowDeselect={false}
          data-testid="close-billing"
        />
        <Button onClick={close} loading={busy} data-testid="action-close">
          {t("action.close")}
        </Button>
      </Group>
      {billing === "auto" && (
        <Text size="sm" c="dimmed" mt="xs" data-testid="close-billing-auto">
          {t(
            ticket.serviceKind === "event"
              ? "close.autoEvent"
              : automatic === "to_invoice"
                ? "close.autoContractCharges"
                : "close.autoContract",
          )}
        </Text>
      )}
      {error && (
        <Alert color="red" mt="sm" role="alert">
          {error}
        </Alert>
      )}
    </Paper>
  );
}

/** Leader/admin: change the billing status of a reviewed or closed ticket (with a reason). */
export function BillingStatusEditor({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const options = useBillingOptions();
  const patch = usePatchTicket(ticket.id);
  const [billing, setBilling] = useState<BillingStatus>(ticket.billingStatus);
  const [reason, setReason] = useState("");
  const edit = useEditConflict<Ticket>();
  const send = (mine: Record<string, unknown>, from: Ticket) =>
    patch.mutate(
      { ...mine, reason: reason.trim() || undefined, version: from.version },
      {
        onSuccess: () => {
          edit.close();
          notifications.show({ color: "teal", message: t("billing.saved") });
        },
        onError: (e) => edit.caught(e, from, mine),
      },
    );
  const save = () => send({ billingStatus: billing }, ticket);
  const discard = () => {
    if (edit.conflict) setBilling(edit.conflict.current.billingStatus);
    edit.close();
  };
  return (
    <Paper withBorder p="md" data-testid="billing-editor">
      <Text fw={600} mb="xs">
        {t("ticket.billingStatus")}
      </Text>
      <Group align="flex-end">
        <Select
          data={options}
          value={billing}
          onChange={(v) => v && setBilling(v as BillingStatus)}
          allowDeselect={false}
          aria-label={t("ticket.billingStatus")}
        />
        <TextInput
          placeholder={t("common.reason")}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          aria-label={t("common.reason")}
        />
        <Button
          variant="light"
          onClick={save}
          loading={patch.isPending}
          disabled={billing === ticket.billingStatus}
        >
          {t("common.save")}
        </Button>
      </Group>
      {patch.isError && !edit.conflict && (
        <Alert color="red" mt="sm">
          {errorMessage(t, patch.error)}
        </Alert>
      )}
      <ConflictDialog
        conflict={edit.conflict}
        fields={["billingStatus"]}
        format={(_, value) => (typeof value === "string" ? t(`billing.${value as BillingStatus}`) : null)}
        busy={patch.isPending}
        error={
          edit.conflict && patch.isError && !conflictCurrent(patch.error)
            ? errorMessage(t, patch.error)
            : null
        }
        onReapply={() => edit.conflict && send(edit.conflict.mine, edit.conflict.current)}
        onDiscard={discard}
      />
    </Paper>
  );
}
