import { Alert, Button, Group, Paper, SimpleGrid, Stack, TagsInput, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { ChangeEvent, FormEvent } from "react";
import { type Contact, useCreateContact, usePatchContact } from "../../api/clients";
import { ContactBody, ContactPatch } from "../../contract";
import { useT } from "../../i18n";
import { blankToUndefined, type FormState, useForm } from "../../lib/form";

const digits = (phone: string) => phone.replace(/\D/g, "").slice(-10);

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
  };
}

type TextField = "name" | "position" | "email" | "phone";

interface ContactFormProps {
  clientId: string;
  contact: Contact | null;
  onDone: () => void;
}

/** Adds the contact (POST) or saves its changes (PATCH /api/contacts/:id). */
function useContactSubmit({ clientId, contact, onDone }: ContactFormProps) {
  const t = useT();
  const form = useForm(initialValues(contact), t);
  const create = useCreateContact();
  const patch = usePatchContact();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { values } = form;
    const input = {
      name: values.name,
      position: blankToUndefined(values.position) ?? null,
      email: blankToUndefined(values.email) ?? null,
      phone: blankToUndefined(values.phone) ?? null,
      emails: values.emails,
      phones: values.phones,
    };
    const options = {
      onSuccess: () => {
        notifications.show({ color: "teal", message: t("contact.saved") });
        onDone();
      },
      onError: (e: unknown) => form.showError(e),
    };
    if (contact) {
      const body = form.validate(ContactPatch, input);
      if (body) patch.mutate({ id: contact.id, body }, options);
    } else {
      const body = form.validate(ContactBody, { ...input, clientId });
      if (body) create.mutate(body, options);
    }
  };
  return { form, submit, busy: create.isPending || patch.isPending };
}

function ContactFields({ form }: { form: FormState<ReturnType<typeof initialValues>> }) {
  const t = useT();
  const { values, errors } = form;
  const field = (key: TextField) => ({
    value: values[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => form.set(key, e.currentTarget.value),
    error: errors[key],
  });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput label={t("contact.name")} data-autofocus {...field("name")} />
      <TextInput label={t("contact.position")} {...field("position")} />
      <TextInput label={t("contact.email")} {...field("email")} />
      <TextInput label={t("contact.phone")} {...field("phone")} />
      <TagsInput
        label={t("contact.emails")}
        description={t("contact.listHint")}
        value={values.emails}
        onChange={(v) => form.set("emails", v)}
        error={errors.emails}
      />
      <TagsInput
        label={t("contact.phones")}
        description={t("contact.listHint")}
        value={values.phones}
        onChange={(v) => form.set("phones", v)}
        error={errors.phones}
      />
    </SimpleGrid>
  );
}

/** Adds or edits a contact: name, position, main e-mail and phone, and any others. */
export function ContactForm(props: ContactFormProps) {
  const { contact, onDone } = props;
  const t = useT();
  const { form, submit, busy } = useContactSubmit(props);
  return (
    <Paper withBorder p="md" data-testid="contact-form">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h5">
            {contact ? t("contact.edit") : t("contact.new")}
          </Title>
          <ContactFields form={form} />
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
    </Paper>
  );
}
