import { Badge, Button, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import { type KeyboardEvent, useEffect, useState } from "react";
import { type CallerMatch, type Contact, useContacts, useCreateContact } from "../../api/clients";
import { ContactBody } from "../../contract";
import { useT } from "../../i18n";
import { blankToUndefined, useForm } from "../../lib/form";
import { CreditFlag } from "../credit/CreditFlag";
import { ClientOpenTickets } from "./ClientOpenTickets";
import { ChosenContact, ContactPicker } from "./ContactPicker";

/**
 * A contact added inline; `email` prefills the address (a sender's, when linking a mail). Enter in any
 * of its fields adds it. `focusName` when the user asked for it (the picker that had the focus is gone):
 * without it the focus would drop to the page and what is typed next be lost.
 */
export function NewContact({
  clientId,
  onCreated,
  email = "",
  focusName = false,
}: {
  clientId: string;
  onCreated: (c: Contact) => void;
  email?: string;
  focusName?: boolean;
}) {
  const t = useT();
  const form = useForm({ name: "", phone: "", email }, t);
  const create = useCreateContact();
  const save = () => {
    const body = form.validate(ContactBody, {
      clientId,
      name: form.values.name,
      phone: blankToUndefined(form.values.phone),
      email: blankToUndefined(form.values.email),
    });
    if (body) create.mutate(body, { onSuccess: onCreated, onError: (e) => form.showError(e) });
  };
  // On the fields only: Enter on the button already presses it.
  const saveOnEnter = (e: KeyboardEvent) => {
    if (e.key !== "Enter" || !(e.target instanceof HTMLInputElement) || e.nativeEvent.isComposing) return;
    e.preventDefault();
    if (!create.isPending) save();
  };
  return (
    <Group align="flex-start" gap="xs" wrap="wrap" onKeyDown={saveOnEnter} data-testid="new-contact">
      <TextInput
        label={t("contact.name")}
        value={form.values.name}
        onChange={(e) => form.set("name", e.currentTarget.value)}
        error={form.errors.name}
        autoFocus={focusName}
      />
      <TextInput
        label={t("common.phone")}
        value={form.values.phone}
        onChange={(e) => form.set("phone", e.currentTarget.value)}
        error={form.errors.phone}
      />
      <TextInput
        label={t("common.email")}
        value={form.values.email}
        onChange={(e) => form.set("email", e.currentTarget.value)}
        error={form.errors.email}
      />
      <Button mt={25} variant="light" onClick={save} loading={create.isPending}>
        {t("intake.addContact")}
      </Button>
      {form.formError && !Object.keys(form.errors).length && <Text c="red">{form.formError}</Text>}
    </Group>
  );
}

type ContactMode = "auto" | "choose" | "new";

/** «Póliza SH activa» (which póliza: an SH póliza does not cover a printer); «Con póliza activa» if none named. */
function contractsLabel(t: ReturnType<typeof useT>, types: string[]): string {
  if (types.length === 0) return t("intake.hasContract");
  return t("intake.contractTypes", { count: types.length, types: types.join(", ") });
}

/** The contact part: preselected when the client has one, keyboard choice among several, inline new. */
function CallerContact({ match, onChange }: { match: CallerMatch; onChange: (m: CallerMatch) => void }) {
  const t = useT();
  const contacts = useContacts(match.client.id);
  const [mode, setMode] = useState<ContactMode>("auto");
  const items = contacts.data?.items;
  const only = items?.length === 1 ? items[0] : undefined;
  useEffect(() => {
    if (mode === "auto" && !match.contact && only) onChange({ ...match, contact: only });
  }, [mode, match, only, onChange]);
  const pick = (contact: Contact | null) => {
    setMode("auto");
    onChange({ ...match, contact });
    document.getElementById("intake-title")?.focus();
  };
  if (!items) return null;
  if (mode === "new" || (items.length === 0 && !match.contact)) {
    return (
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {items.length === 0 ? t("intake.noContacts") : t("intake.newContact")}
        </Text>
        <NewContact clientId={match.client.id} onCreated={pick} focusName={mode === "new"} />
        {mode === "new" && (
          <Button variant="subtle" size="xs" w="fit-content" onClick={() => setMode("choose")}>
            {t("common.cancel")}
          </Button>
        )}
      </Stack>
    );
  }
  // The only contact is shown chosen at once (the effect above records it): were the picker shown for
  // that one render, it would take the focus from the subject and leave it nowhere when it goes.
  const shown = match.contact ?? (mode === "auto" ? only : undefined);
  if (shown && mode !== "choose") return <ChosenContact contact={shown} onChange={() => setMode("choose")} />;
  return <ContactPicker contacts={items} onPick={pick} onNew={() => setMode("new")} />;
}

/** The chosen client with its contract state, the contact (pick one or add one inline) and its open tickets. */
export function SelectedCaller({
  match,
  onChange,
  onClear,
}: {
  match: CallerMatch;
  onChange: (match: CallerMatch) => void;
  onClear: () => void;
}) {
  const t = useT();
  return (
    <Paper withBorder p="md" bg="teal.0" data-testid="selected-caller">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={700} size="lg">
              {match.client.name}
            </Text>
            {match.client.rfc && <Text c="dimmed">{match.client.rfc}</Text>}
            <Badge color={match.activeContract ? "teal" : "gray"} data-testid="caller-contracts">
              {match.activeContract ? contractsLabel(t, match.activeContractTypes) : t("intake.noContract")}
            </Badge>
          </Group>
          <Button variant="subtle" size="xs" onClick={onClear}>
            {t("intake.changeCaller")}
          </Button>
        </Group>
        <CreditFlag clientId={match.client.id} />
        <CallerContact match={match} onChange={onChange} />
        <ClientOpenTickets clientId={match.client.id} />
      </Stack>
    </Paper>
  );
}
