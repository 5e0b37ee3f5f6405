// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/Divider.layer.css";
import { Alert, Button, Divider, PasswordInput, Stack, TextInput } from "@mantine/core";
import type { ChangeEvent, FormEvent } from "react";
import { useSetup } from "../../api/auth";
import { SetupBody } from "../../contract";
import { useT } from "../../i18n";
import { useForm } from "../../lib/form";
import { AuthCard } from "./AuthCard";

const EMPTY = { companyName: "", supportEmail: "", name: "", email: "", password: "" };

export default function SetupPage() {
  const t = useT();
  const setup = useSetup();
  const form = useForm(EMPTY, t);
  const { values, errors } = form;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.validate(SetupBody, {
      companyName: values.companyName,
      supportEmail: values.supportEmail,
      admin: { name: values.name, email: values.email, password: values.password },
    });
    if (body) setup.mutate(body, { onError: (e) => form.showError(e) });
  };
  const field = (key: keyof typeof EMPTY) => ({
    value: values[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => form.set(key, e.currentTarget.value),
  });

  return (
    <AuthCard title={t("setup.title")} subtitle={t("setup.subtitle")}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t("setup.company")}
            autoFocus
            {...field("companyName")}
            error={errors.companyName}
          />
          <TextInput
            label={t("setup.supportEmail")}
            type="email"
            {...field("supportEmail")}
            error={errors.supportEmail}
          />
          <Divider label={t("setup.admin")} labelPosition="left" />
          <TextInput label={t("common.name")} {...field("name")} error={errors["admin.name"]} />
          <TextInput
            label={t("login.email")}
            type="email"
            {...field("email")}
            error={errors["admin.email"]}
          />
          <PasswordInput
            visibilityToggleButtonProps={{ "aria-label": t("common.showPassword") }}
            label={t("login.password")}
            description={t("setup.passwordHint")}
            {...field("password")}
            error={errors["admin.password"]}
          />
          {form.formError && <Alert color="red">{form.formError}</Alert>}
          <Button type="submit" loading={setup.isPending}>
            {t("setup.submit")}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
