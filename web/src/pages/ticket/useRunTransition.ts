import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError } from "../../api/client";
import { type TransitionInput, ticketKeys, useTransition } from "../../api/tickets";
import type { Ticket } from "../../contract";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/form";

/**
 * Runs a transition with the ticket's version (so concurrent edits get a clear conflict),
 * reports success, and keeps a readable error; on conflict the current state is reloaded.
 */
export function useRunTransition(ticket: Ticket) {
  const t = useT();
  const queryClient = useQueryClient();
  const mutation = useTransition(ticket.id);
  const [error, setError] = useState<string | null>(null);

  const run = async (input: Omit<TransitionInput, "expectedVersion">): Promise<boolean> => {
    setError(null);
    try {
      await mutation.mutateAsync({ ...input, expectedVersion: ticket.version });
      notifications.show({ color: "teal", message: t(`done.${input.action}`, { folio: ticket.folio }) });
      return true;
    } catch (cause) {
      const conflict = cause instanceof ApiError && cause.status === 409;
      setError(conflict ? t("error.conflict") : errorMessage(t, cause));
      if (conflict) await queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
      return false;
    }
  };

  return { run, error, clearError: () => setError(null), busy: mutation.isPending };
}
