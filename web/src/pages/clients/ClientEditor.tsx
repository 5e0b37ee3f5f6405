import {
  Alert,
  Button,
  Divider,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import type { ChangeEvent, FormEvent } from "react";
import { useUsers } from "../../api/admin";
import { type Client, useContacts, useCreateClient, usePatchClient } from "../../api/clients";
import { ClientBody, ClientPatch } from "../../contract";
import { useT } from "../../i18n";
import { blankToUndefined, useForm } from "../../lib/form";

type Text5 = "name" | "rfc" | "phone" | "email" | "billingAddress";

function ClientForm({ client, onClose }: { client: Client | null; onClose: () => void }) {
  const t = useT();
  const form = useForm(
    {
      name: client?.name ?? "",
      rfc: client?.rfc ?? "",
      phone: client?.phone ?? "",
      email: client?.email ?? "",
      billingAddress: client?.billingAddress ?? "",
      accountTechnicianId: client?.accountTechnicianId ?? null,
    },
    t,
  );
  const technicians = useUsers("technician");
  const create = useCreateClient();
  const patch = usePatchClient();
  const { values, errors } = form;
  const field = (key: Text5) => ({
    value: values[key],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      form.set(key, e.currentTarget.value),
    error: errors[key],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      name: values.name,
      rfc: blankToUndefined(values.rfc) ?? null,
      phone: blankToUndefined(values.phone) ?? null,
      email: blankToUndefined(values.email) ?? null,
      billingAddress: blankToUndefined(values.billingAddress) ?? null,
      accountTechnicianId: values.accountTechnicianId,
    };
    const onError = (e: unknown) => form.showError(e);
    if (client) {
      const body = form.validate(ClientPatch, input);
      if (body) patch.mutate({ id: client.id, body }, { onSuccess: onClose, onError });
    } else {
      const body = form.validate(ClientBody, input);
      if (body) create.mutate(body, { onSuccess: onClose, onError });
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t("client.name")} data-autofocus {...field("name")} />
          <TextInput label={t("client.rfc")} {...field("rfc")} />
          <TextInput label={t("common.phone")} {...field("phone")} />
          <TextInput label={t("common.email")} {...field("email")} />
        </SimpleGrid>
        <Textarea label={t("client.billingAddress")} autosize {...field("billingAddress")} />
        {technicians.isSuccess && (
          <Select
            label={t("client.accountTechnician")}
            data={technicians.data.items.map((u) => ({ value: u.id, label: u.name }))}
            value={values.accountTechnicianId}
            onChange={(v) => form.set("accountTechnicianId", v)}
            clearable
          />
        )}
        {form.formError && <Alert color="red">{form.formError}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending || patch.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Contacts({ clientId }: { clientId: string }) {
  const t = useT();
  const contacts = useContacts(clientId);
  const items = contacts.data?.items ?? [];
  if (items.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {t("client.noContacts")}
      </Text>
    );
  return (
    <Table fz="sm">
      <Table.Tbody>
        {items.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td>{c.name}</Table.Td>
            <Table.Td>{c.phone ?? "—"}</Table.Td>
            <Table.Td>{c.email ?? "—"}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function ClientEditor({
  client,
  opened,
  onClose,
}: {
  client: Client | null;
  opened: boolean;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={client ? client.name : t("client.new")} size="lg">
      {opened && <ClientForm key={client?.id ?? "new"} client={client} onClose={onClose} />}
      {opened && client && (
        <>
          <Divider my="md" label={t("client.contacts")} labelPosition="left" />
          <Contacts clientId={client.id} />
        </>
      )}
    </Modal>
  );
}
