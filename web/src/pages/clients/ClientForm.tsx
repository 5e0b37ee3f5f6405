import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type ChangeEvent, type FormEvent, useEffect } from "react";
import { useUsers } from "../../api/admin";
import { type Client, useCreateClient, usePatchClient } from "../../api/clients";
import { ConflictDialog } from "../../components/ConflictDialog";
import { ClientBody, ClientPatch } from "../../contract";
import { useT } from "../../i18n";
import { changedFields, sameValue, useVersionedSave } from "../../lib/conflict";
import { blankToUndefined, useForm } from "../../lib/form";
import { pickerSearch } from "../../lib/pickerSearch";
import { RfcField, useRfcConfirm } from "../credit/RfcConfirm";
import { BillingContactSelect } from "./BillingContactSelect";

type TextField = "name" | "rfc" | "phone" | "email" | "billingAddress";

/** Reception, the leader and admin pick the account technician; others (Ventas) see it. */
function AccountTechnician({
  value,
  editable,
  onChange,
}: {
  value: string | null;
  editable: boolean;
  onChange: (id: string | null) => void;
}) {
  const t = useT();
  const technicians = useUsers("technician");
  const items = technicians.data?.items ?? [];
  if (!editable) {
    const name = items.find((u) => u.id === value)?.name;
    return (
      <Stack gap={0} data-testid="account-technician">
        <Text size="sm" fw={500}>
          {t("client.accountTechnician")}
        </Text>
        <Text size="sm">{value ? (name ?? value) : t("client.noTechnician")}</Text>
      </Stack>
    );
  }
  return (
    <Select
      label={t("client.accountTechnician")}
      placeholder={t("client.noTechnician")}
      data={items.filter((u) => u.active || u.id === value).map((u) => ({ value: u.id, label: u.name }))}
      value={value}
      onChange={onChange}
      {...pickerSearch(t)}
      clearable
    />
  );
}

function initialValues(client: Client | null) {
  return {
    name: client?.name ?? "",
    rfc: client?.rfc ?? "",
    phone: client?.phone ?? "",
    email: client?.email ?? "",
    billingAddress: client?.billingAddress ?? "",
    accountTechnicianId: client?.accountTechnicianId ?? null,
    billingContactId: client?.billingContactId ?? null,
  };
}

type Values = ReturnType<typeof initialValues>;

/** The body fields the form stands for (blank text is null). */
const inputOf = (values: Values, pickTechnician: boolean) => ({
  name: values.name,
  rfc: blankToUndefined(values.rfc) ?? null,
  phone: blankToUndefined(values.phone) ?? null,
  email: blankToUndefined(values.email) ?? null,
  billingAddress: blankToUndefined(values.billingAddress) ?? null,
  ...(pickTechnician ? { accountTechnicianId: values.accountTechnicianId } : {}),
  billingContactId: values.billingContactId,
});

const CONFLICT_FIELDS = [
  "name",
  "rfc",
  "phone",
  "email",
  "billingAddress",
  "accountTechnicianId",
  "billingContactId",
];

interface ClientFormProps {
  client: Client | null;
  pickTechnician: boolean;
  onClose: () => void;
}

/**
 * Creates the client or saves only the fields the user changed (the account technician only when this
 * user picks it), based on the version the form was filled from; a conflict opens the compare dialog.
 */
function useClientSubmit({ client, pickTechnician, onClose }: ClientFormProps) {
  const t = useT();
  const form = useForm(initialValues(client), t);
  const create = useCreateClient();
  const patch = usePatchClient();
  const rfc = useRfcConfirm();
  const onError = (e: unknown) => {
    rfc.caught(e);
    form.showError(e);
  };
  const { base, setBase, edit, onSuccess, send, discard, reapply } = useVersionedSave<Client>({
    record: client,
    patch: patch.mutate,
    onSaved: () => {
      notifications.show({ color: "teal", message: t("client.saved") });
      onClose();
    },
    onError,
    refill: (current) => form.setValues(initialValues(current)),
  });
  // An untouched form follows the client as it refreshes (payment terms saved beside it).
  const pristine = !base || !client || sameValue(form.values, initialValues(base));
  useEffect(() => {
    if (pristine && client && base && client.version !== base.version) {
      setBase(client);
      form.setValues(initialValues(client));
    }
  }, [pristine, client, base, setBase, form.setValues]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = { ...inputOf(form.values, pickTechnician), ...rfc.extra() };
    const body = form.validate(base ? ClientPatch : ClientBody, input);
    if (!body) return;
    if (!base) return create.mutate(body as ClientBody, { onSuccess, onError });
    const changes = { ...changedFields(inputOf(initialValues(base), pickTechnician), body as typeof input) };
    if (changes.rfc !== undefined) Object.assign(changes, rfc.extra());
    if (Object.keys(changes).length === 0) return onSuccess();
    send(changes, base);
  };
  return { form, submit, busy: create.isPending || patch.isPending, edit, discard, reapply, rfc };
}

/** The client's identity and contact data; the account technician for reception, leader and admin. */
export function ClientForm(props: ClientFormProps) {
  const { pickTechnician, onClose } = props;
  const t = useT();
  const { form, submit, busy, edit, discard, reapply, rfc } = useClientSubmit(props);
  const { values, errors } = form;
  const field = (key: TextField) => ({
    value: values[key],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      form.set(key, e.currentTarget.value),
    error: errors[key],
  });
  return (
    <form onSubmit={submit} noValidate data-testid="client-form">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t("client.name")} data-autofocus {...field("name")} />
          <RfcField state={rfc} {...field("rfc")} />
          <TextInput label={t("common.phone")} {...field("phone")} />
          <TextInput label={t("common.email")} {...field("email")} />
        </SimpleGrid>
        <Textarea label={t("client.billingAddress")} autosize {...field("billingAddress")} />
        {props.client && (
          <BillingContactSelect
            clientId={props.client.id}
            value={values.billingContactId}
            error={errors.billingContactId}
            onChange={(v) => form.set("billingContactId", v)}
          />
        )}
        <AccountTechnician
          value={values.accountTechnicianId}
          editable={pickTechnician}
          onChange={(v) => form.set("accountTechnicianId", v)}
        />
        {form.formError && <Alert color="red">{form.formError}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={busy}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
      <ConflictDialog
        conflict={edit.conflict}
        fields={CONFLICT_FIELDS}
        busy={busy}
        error={form.formError}
        onReapply={reapply}
        onDiscard={discard}
      />
    </form>
  );
}
