import { Alert, Button, Group, Select, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useLend, useLoaners, useTicketLoans } from "../../api/credit-warranty";
import type { TicketDetail } from "../../api/tickets";
import { DateField } from "../../components/DateField";
import { useT } from "../../i18n";
import { isIsoDay } from "../../lib/dayInput";
import { errorMessage } from "../../lib/form";
import { formatDate } from "../../lib/format";
import { ReturnButton } from "../loaners/LoanersPage";

function LendForm({ ticketId }: { ticketId: string }) {
  const t = useT();
  const loaners = useLoaners();
  const lend = useLend();
  const [loanerId, setLoanerId] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState("");
  const available = (loaners.data?.items ?? []).filter((l) => l.state === "available");
  if (!loaners.data) return null;
  // Nothing to lend: the sentence alone, not an empty form with a disabled button (on the phone it
  // pushed the time form further down the page).
  if (available.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="no-loaners">
        {t("loaner.noneAvailable")}
      </Text>
    );
  }
  return (
    <Group align="flex-end" wrap="wrap" gap="xs">
      <Select
        label={t("loaner.pick")}
        data={available.map((l) => ({ value: l.id, label: `${l.equipment} · ${l.serial}` }))}
        value={loanerId}
        onChange={setLoanerId}
        nothingFoundMessage={t("loaner.noneAvailable")}
        w={260}
      />
      <DateField label={t("loaner.dueOn")} value={dueOn} onChange={setDueOn} w={150} />
      <Button
        disabled={!loanerId || !isIsoDay(dueOn)}
        loading={lend.isPending}
        onClick={() => {
          if (loanerId && isIsoDay(dueOn))
            lend.mutate({ loanerId, ticketId, dueOn }, { onSuccess: () => setLoanerId(null) });
        }}
      >
        {t("loaner.lend")}
      </Button>
      {lend.isError && (
        <Alert color="red" w="100%">
          {errorMessage(t, lend.error)}
        </Alert>
      )}
    </Group>
  );
}

/** Loaners lent on this ticket (contract clients only, free of charge) and lending one. */
export function LoansSection({ ticket, editable }: { ticket: TicketDetail; editable: boolean }) {
  const t = useT();
  const loans = useTicketLoans(ticket.id);
  const items = loans.data?.items ?? [];
  return (
    <Stack gap="xs" mt="md" data-testid="ticket-loans">
      <Text fw={600}>{t("loaner.onTicket")}</Text>
      {items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t("loaner.noLoans")}
        </Text>
      )}
      {items.map((l) => (
        <Group key={l.id} justify="space-between" data-testid="ticket-loan">
          <Text size="sm" c={l.overdue ? "red" : undefined}>
            {l.returnedAt
              ? t("loaner.returned", {
                  equipment: l.equipment,
                  serial: l.serial,
                  at: formatDate(l.returnedAt),
                })
              : t("loaner.out", { equipment: l.equipment, serial: l.serial, due: formatDate(l.dueOn) })}
          </Text>
          {editable && !l.returnedAt && <ReturnButton loanerId={l.loanerId} />}
        </Group>
      ))}
      {editable && ticket.serviceKind === "contract" && !["closed", "cancelled"].includes(ticket.status) && (
        <LendForm ticketId={ticket.id} />
      )}
      {ticket.serviceKind !== "contract" && (
        <Text size="xs" c="dimmed">
          {t("loaner.contractOnly")}
        </Text>
      )}
    </Stack>
  );
}
