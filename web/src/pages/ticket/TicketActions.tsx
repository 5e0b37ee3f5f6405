import { Alert, Button, Group } from "@mantine/core";
import { useState } from "react";
import { ReasonDialog } from "../../components/ReasonDialog";
import type { TicketDetail, TransitionAction } from "../../contract";
import { useT } from "../../i18n";
import { LazyAssignDialog as AssignDialog } from "../queue/LazyAssignDialog";
import { AttendDialog } from "./AttendDialog";
import { useRunTransition } from "./useRunTransition";

type ReasonAction = "reject" | "cancel";

/** The simple transitions offered by the server for this user now (availableActions). */
export function TicketActions({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const { run, error, busy, clearError } = useRunTransition(ticket);
  const [asking, setAsking] = useState<ReasonAction | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [attending, setAttending] = useState(false);
  const can = (a: TransitionAction) => ticket.availableActions.includes(a);
  const withReason = async (reason: string) => {
    if (asking && (await run({ action: asking, reason }))) setAsking(null);
  };
  const attend = async () => {
    if (await run({ action: "attend" })) setAttending(false);
  };
  const open = (a: ReasonAction) => {
    clearError();
    setAsking(a);
  };

  return (
    <>
      <Group gap="xs" data-testid="ticket-actions">
        {can("assign") && (
          <Button
            variant={ticket.assigneeId ? "default" : "filled"}
            onClick={() => setAssigning(true)}
            data-testid="action-assign"
          >
            {ticket.assigneeId ? t("assign.reassign") : t("assign.action")}
          </Button>
        )}
        {can("start") && (
          <Button onClick={() => run({ action: "start" })} loading={busy} data-testid="action-start">
            {t("action.start")}
          </Button>
        )}
        {can("attend") && (
          <Button
            color="cyan"
            onClick={() => {
              clearError();
              setAttending(true);
            }}
            data-testid="action-attend"
          >
            {t("action.attend")}
          </Button>
        )}
        {can("reject") && !ticket.acceptance && (
          <Button variant="default" color="orange" onClick={() => open("reject")} data-testid="action-reject">
            {t("action.reject")}
          </Button>
        )}
        {can("cancel") && (
          <Button variant="subtle" color="red" onClick={() => open("cancel")} data-testid="action-cancel">
            {t("action.cancel")}
          </Button>
        )}
      </Group>
      {error && !asking && !attending && (
        <Alert
          color="red"
          mt="sm"
          role="alert"
          data-testid="action-error"
          withCloseButton
          onClose={clearError}
        >
          {error}
        </Alert>
      )}
      <ReasonDialog
        opened={asking !== null}
        title={asking ? t(`action.${asking}`) : ""}
        label={t("common.reason")}
        confirm={asking ? t(`action.${asking}`) : ""}
        color={asking === "cancel" ? "red" : "orange"}
        error={error}
        busy={busy}
        onClose={() => setAsking(null)}
        onConfirm={withReason}
      />
      <AttendDialog
        ticket={ticket}
        opened={attending}
        busy={busy}
        error={error}
        onClose={() => setAttending(false)}
        onConfirm={attend}
      />
      <AssignDialog ticket={assigning ? ticket : null} onClose={() => setAssigning(false)} />
    </>
  );
}
