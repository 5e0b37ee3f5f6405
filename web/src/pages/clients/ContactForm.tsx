import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  TagsInput,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { ChangeEvent, FormEvent } from "react";
import { normalizePhone } from "../../../../src/domain/text";
import { type Contact, useCreateContact, usePatchContact } from "../../api/clients";
import { ConflictDialog } from "../../components/ConflictDialog";
import { ContactBody, ContactPatch } from "../../contract";
import { useT } from "../../i18n";
import { changedFields, useVersionedSave } from "../../lib/conflict";
import { blankToUndefined, type FormState, listError, useForm } from "../../lib/form";

const digits = (phone: string) => normalizePhone(phone);

/** The server lists the main e-mail and phone among `emails`/`phones`; the form shows only the others. */
function initialValues(contact: Contact | null) {
  const email = contact?.email ?? "";
  const phone = contact?.phone ?? "";
  return {
    name: contact?.name ?? "",
    position: contact?.position ?? "",
    email,
    phone,
    emails: (contact?.emails ?? []).filter((e) => e.toLowerCase() !== email.toLowerCase()),
    phones: (contact?.phones ?? []).filter((p) => !phone || digits(p) !== digits(phone)),
    portalAdmin: contact?.portalAdmin ?? false,
  };
}

type TextField = "name" | "position" | "email" | "phone";

interface ContactFormProps {
  clientId: string;
  contact: Contact | null;
  onDone: () => void;
  /** The contact signs in to the portal with its e-mail (an account not disabled). */
  portalSignIn?: boolean;
}

type Values = ReturnType<typeof initialValues>;

const inputOf = (values: Values) => ({
  name: values.name,
  position: blankToUndefined(values.position) ?? null,
  email: blankToUndefined(values.email) ?? null,
  phone: blankToUndefined(values.phone) ?? null,
  emails: values.emails,
  phones: values.phones,
  portalAdmin: values.portalAdmin,
});

const CONFLICT_FIELDS = ["name", "position", "email", "phone", "emails", "phones", "portalAdmin"];

/**
 * Adds the contact (POST) or saves only the fields the user changed (PATCH /api/contacts/:id), based
 * on the version the form was filled from; a conflict opens the compare dialog.
 */
function useContactSubmit({ clientId, contact, onDone }: ContactFormProps) {
  const t = useT();
  const form = useForm(initialValues(contact), t);
  const create = useCreateContact();
  const patch = usePatchContact();
  const { base, edit, onSuccess, send, discard, reapply } = useVersionedSave<Contact>({
    record: contact,
    patch: patch.mutate,
    onSaved: () => {
      notifications.show({ color: "teal", message: t("contact.saved") });
      onDone();
    },
    onError: (e) => form.showError(e),
    refill: (current) => form.setValues(initialValues(current)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = inputOf(form.values);
    if (!base) {
      const body = form.validate(ContactBody, { ...input, clientId });
      if (body) create.mutate(body, { onSuccess, onError: (e) => form.showError(e) });
      return;
    }
    const body = form.validate(ContactPatch, input);
    if (!body) return;
    const changes = changedFields(inputOf(initialValues(base)), body as typeof input);
    if (Object.keys(changes).length === 0) return onSuccess();
    send(changes, base);
  };
  return { form, submit, busy: create.isPending || patch.isPending, edit, discard, reapply };
}

function ContactFields({
  form,
  portalSignIn,
}: {
  form: FormState<ReturnType<typeof initialValues>>;
  portalSignIn: boolean;
}) {
  const t = useT();
  const { values, errors } = form;
  const field = (key: TextField) => ({
    value: values[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => form.set(key, e.currentTarget.value),
    error: errors[key],
  });
  const listField = (key: "emails" | "phones") =>
    listError(errors, key, {
      items: values[key],
      withItem: (value, message) => t("contact.listItemError", { value, message }),
    });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput label={t("contact.name")} data-autofocus {...field("name")} />
      <TextInput label={t("contact.position")} {...field("position")} />
      <TextInput
        label={t("contact.email")}
        // Changing it moves the portal sign-in: said before saving, not discovered by the client.
        description={portalSignIn ? t("contact.portalEmailHint") : undefined}
        {...field("email")}
      />
      <TextInput label={t("contact.phone")} {...field("phone")} />
      <TagsInput
        label={t("contact.emails")}
        description={t("contact.listHint")}
        value={values.emails}
        onChange={(v) => form.set("emails", v)}
        error={listField("emails")}
      />
      <TagsInput
        label={t("contact.phones")}
        description={t("contact.listHint")}
        value={values.phones}
        onChange={(v) => form.set("phones", v)}
        error={listField("phones")}
      />
      <Checkbox
        label={t("contact.portalAdmin")}
        description={t("contact.portalAdminHint")}
        checked={values.portalAdmin}
        onChange={(e) => form.set("portalAdmin", e.currentTarget.checked)}
        error={errors.portalAdmin}
      />
    </SimpleGrid>
  );
}

/** Adds or edits a contact: name, position, main e-mail and phone, and any others. */
export function ContactForm(props: ContactFormProps) {
  const { contact, onDone } = props;
  const t = useT();
  const { form, submit, busy, edit, discard, reapply } = useContactSubmit(props);
  return (
    <Paper withBorder p="md" data-testid="contact-form">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h5">
            {contact ? t("contact.edit") : t("contact.new")}
          </Title>
          <ContactFields form={form} portalSignIn={props.portalSignIn ?? false} />
          {form.formError && <Alert color="red">{form.formError}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConflictDialog
        conflict={edit.conflict}
        fields={CONFLICT_FIELDS}
        busy={busy}
        error={form.formError}
        onReapply={reapply}
        onDiscard={discard}
      />
    </Paper>
  );
}
