import { Alert, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useMe } from "../../api/auth";
import { type CallerMatch, type Contact, useContacts } from "../../api/clients";
import { useLinkSender } from "../../api/tickets";
import type { TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/form";
import { hasRole } from "../../lib/roles";
import { CallerSearch } from "../intake/CallerSearch";
import { ChosenContact, ContactPicker } from "../intake/ContactPicker";
import { NewContact } from "../intake/SelectedCaller";

/** The address the ticket's mail came from. */
export function senderAddress(ticket: TicketDetail): string {
  return ticket.senderEmail ?? ticket.messages.find((m) => m.emailFrom)?.emailFrom ?? "—";
}

type ContactStep = "pick" | "new" | "chosen";

/** The chosen client, its contact (pick, add with the sender's address, or none) and the link. */
function LinkTo({ ticket, match, onBack }: { ticket: TicketDetail; match: CallerMatch; onBack: () => void }) {
  const t = useT();
  const contacts = useContacts(match.client.id);
  const [contact, setContact] = useState<Contact | null>(match.contact);
  const [step, setStep] = useState<ContactStep>(match.contact ? "chosen" : "pick");
  const link = useLinkSender(ticket.id);
  const choose = (c: Contact | null) => {
    setContact(c);
    setStep("chosen");
  };
  const submit = () =>
    link.mutate(
      { clientId: match.client.id, ...(contact ? { contactId: contact.id } : {}) },
      {
        onSuccess: () =>
          notifications.show({
            color: "teal",
            message: t("unknownSender.linked", { client: match.client.name }),
          }),
      },
    );
  const email = senderAddress(ticket);
  return (
    <Stack gap="xs" data-testid="link-sender-target">
      <Group justify="space-between">
        <Text fw={700}>{match.client.name}</Text>
        <Button variant="subtle" size="xs" onClick={onBack}>
          {t("intake.changeCaller")}
        </Button>
      </Group>
      {step === "chosen" && contact && <ChosenContact contact={contact} onChange={() => setStep("pick")} />}
      {step === "chosen" && !contact && (
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t("unknownSender.noContact")}
          </Text>
          <Button variant="subtle" size="xs" onClick={() => setStep("pick")}>
            {t("intake.changeContact")}
          </Button>
        </Group>
      )}
      {step === "pick" && contacts.data && (
        <>
          <ContactPicker contacts={contacts.data.items} onPick={choose} onNew={() => setStep("new")} />
          <Button variant="subtle" size="xs" w="fit-content" onClick={() => choose(null)}>
            {t("unknownSender.noContact")}
          </Button>
        </>
      )}
      {step === "new" && (
        <NewContact
          clientId={match.client.id}
          email={email === "—" ? "" : email}
          onCreated={choose}
          focusName
        />
      )}
      {link.isError && <Text c="red">{errorMessage(t, link.error)}</Text>}
      <Button
        w="fit-content"
        onClick={submit}
        loading={link.isPending}
        disabled={step !== "chosen"}
        data-testid="link-sender-confirm"
      >
        {t("unknownSender.confirm")}
      </Button>
    </Stack>
  );
}

/**
 * A mail from an address Mesa does not know made this ticket: say so, and let reception (leader,
 * admin) link it to its client while it is new, so it takes that client's service kind and deadline.
 */
export function LinkSenderPanel({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [match, setMatch] = useState<CallerMatch | null>(null);
  if (!ticket.unknownSender) return null;
  const address = senderAddress(ticket);
  const may = ticket.status === "new" && hasRole(me.data?.roles ?? [], "reception", "leader", "admin");
  return (
    <Alert color="orange" title={t("unknownSender.notice", { address })}>
      <Stack gap="xs" data-testid="unknown-sender">
        <Text size="sm">{t("unknownSender.noticeHint")}</Text>
        {may && !open && (
          <Button w="fit-content" variant="light" onClick={() => setOpen(true)} data-testid="link-sender">
            {t("unknownSender.link")}
          </Button>
        )}
        {may && open && (
          <Paper withBorder p="sm">
            {match ? (
              <LinkTo ticket={ticket} match={match} onBack={() => setMatch(null)} />
            ) : (
              // Starts from the sender's address: a contact that has it is listed at once (an address
              // of several companies' contacts lists each, which is why the mail was left unidentified).
              <CallerSearch
                label={t("unknownSender.pickClient")}
                onPick={setMatch}
                initial={address === "—" ? "" : address}
              />
            )}
          </Paper>
        )}
      </Stack>
    </Alert>
  );
}
