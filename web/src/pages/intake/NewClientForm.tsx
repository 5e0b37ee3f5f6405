import { Alert, Button, Group, Paper, SimpleGrid, Stack, TextInput, Title } from "@mantine/core";
import { type ChangeEvent, type FormEvent, useState } from "react";
import { type CallerMatch, type Client, useCreateClient, useCreateContact } from "../../api/clients";
import { ClientBody, ContactBody } from "../../contract";
import { useT } from "../../i18n";
import { blankToUndefined, checkErrors, renameKeys, useForm } from "../../lib/form";
import { RfcField, useRfcConfirm } from "../credit/RfcConfirm";
import { guessCaller } from "./guess";

const EMPTY = {
  name: "",
  rfc: "",
  phone: "",
  email: "",
  contactName: "",
  contactPhone: "",
  contactEmail: "",
};
type Values = typeof EMPTY;

type ContactInput = { clientId: string; name: string; phone?: string; email?: string };

const contactKey = (key: string) =>
  ({ name: "contactName", phone: "contactPhone", email: "contactEmail" })[key] ?? key;

function contactInput(values: Values): ContactInput | null {
  if (!values.contactName.trim()) return null;
  return {
    clientId: "new",
    name: values.contactName,
    phone: blankToUndefined(values.contactPhone),
    email: blankToUndefined(values.contactEmail),
  };
}

export function NewClientForm({
  initialText,
  onCreated,
  onCancel,
}: {
  initialText: string;
  onCreated: (match: CallerMatch) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const form = useForm<Values>({ ...EMPTY, ...guessCaller(initialText) }, t);
  const createClient = useCreateClient();
  const createContact = useCreateContact();
  const [createdClient, setCreatedClient] = useState<Client | null>(null);
  const { values, errors } = form;
  const field = (key: keyof Values) => ({
    value: values[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => form.set(key, e.currentTarget.value),
    error: errors[key],
  });

  const rfc = useRfcConfirm();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = form.validate(ClientBody, {
      name: values.name,
      rfc: blankToUndefined(values.rfc),
      phone: blankToUndefined(values.phone),
      email: blankToUndefined(values.email),
      ...rfc.extra(),
    });
    if (!body) return;
    const contact = contactInput(values);
    const check = contact ? ContactBody.safeParse(contact) : null;
    if (check && !check.success) {
      form.setErrors(renameKeys(checkErrors(t, check.error.issues, contact), contactKey));
      return;
    }
    try {
      // A client already created by an earlier attempt (whose contact failed) is not created twice.
      const client = createdClient ?? (await createClient.mutateAsync(body));
      setCreatedClient(client);
      const created = contact ? await createContactFor(client.id, contact) : null;
      onCreated({
        client,
        contact: created,
        matchedOn: "name",
        activeContract: false,
        activeContractTypes: [],
      });
    } catch (error) {
      rfc.caught(error);
      form.showError(error);
    }
  };

  const createContactFor = async (clientId: string, contact: ContactInput) => {
    try {
      return await createContact.mutateAsync({ ...contact, clientId });
    } catch (error) {
      form.showError(error, contactKey);
      throw error;
    }
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t("intake.newClient")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t("client.name")} required autoFocus {...field("name")} />
            <RfcField state={rfc} {...field("rfc")} />
            <TextInput label={t("common.phone")} {...field("phone")} />
            <TextInput label={t("common.email")} type="email" {...field("email")} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t("contact.name")} {...field("contactName")} />
            <TextInput label={t("contact.phone")} {...field("contactPhone")} />
            <TextInput label={t("contact.email")} type="email" {...field("contactEmail")} />
          </SimpleGrid>
          {form.formError && <Alert color="red">{form.formError}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={createClient.isPending || createContact.isPending}>
              {t("intake.createClient")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
