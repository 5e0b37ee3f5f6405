import { Badge, Button, Group, Paper, Select, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { type CallerMatch, type Contact, useContacts, useCreateContact } from "../../api/clients";
import { ContactBody } from "../../contract";
import { useT } from "../../i18n";
import { blankToUndefined, useForm } from "../../lib/form";

function NewContact({ clientId, onCreated }: { clientId: string; onCreated: (c: Contact) => void }) {
  const t = useT();
  const form = useForm({ name: "", phone: "", email: "" }, t);
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
  return (
    <Group align="flex-start" gap="xs" wrap="wrap">
      <TextInput
        label={t("contact.name")}
        value={form.values.name}
        onChange={(e) => form.set("name", e.currentTarget.value)}
        error={form.errors.name}
        onKeyDown={(e) => {
          if (e.key !== "Enter") return;
          e.preventDefault();
          save();
        }}
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

/** The chosen client with its contract state and the contact (pick one or add one inline). */
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
  const contacts = useContacts(match.client.id);
  const [adding, setAdding] = useState(false);
  const options = (contacts.data?.items ?? []).map((c) => ({
    value: c.id,
    label: [c.name, c.phone, c.email].filter(Boolean).join(" · "),
  }));
  const pick = (id: string | null) =>
    onChange({ ...match, contact: contacts.data?.items.find((c) => c.id === id) ?? null });
  return (
    <Paper withBorder p="md" bg="teal.0" data-testid="selected-caller">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={700} size="lg">
              {match.client.name}
            </Text>
            {match.client.rfc && <Text c="dimmed">{match.client.rfc}</Text>}
            <Badge color={match.activeContract ? "teal" : "gray"}>
              {match.activeContract ? t("intake.hasContract") : t("intake.noContract")}
            </Badge>
          </Group>
          <Button variant="subtle" size="xs" onClick={onClear}>
            {t("intake.changeCaller")}
          </Button>
        </Group>
        <Group align="flex-end" gap="xs">
          <Select
            label={t("ticket.contact")}
            placeholder={t("intake.noContact")}
            data={options}
            value={match.contact?.id ?? null}
            onChange={pick}
            clearable
            searchable
            w={360}
            maw="100%"
          />
          <Button variant="subtle" onClick={() => setAdding((v) => !v)}>
            {adding ? t("common.cancel") : `+ ${t("intake.newContact")}`}
          </Button>
        </Group>
        {adding && (
          <NewContact
            clientId={match.client.id}
            onCreated={(contact) => {
              setAdding(false);
              onChange({ ...match, contact });
            }}
          />
        )}
      </Stack>
    </Paper>
  );
}
