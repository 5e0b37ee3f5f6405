import { Alert, Button, Paper, PasswordInput, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { FormEvent } from "react";
import { useChangePassword } from "../../api/account";
import { ApiError } from "../../api/client";
import { PasswordChangeBody } from "../../contract";
import { useT } from "../../i18n";
import { useForm } from "../../lib/form";

const EMPTY = { currentPassword: "", newPassword: "" };

/** "Cambiar contraseña": the current password is required; other sessions and all tokens end. */
export function PasswordForm() {
  const t = useT();
  const change = useChangePassword();
  const form = useForm(EMPTY, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.validate(PasswordChangeBody, form.values);
    if (!body) return;
    change.mutate(body, {
      onSuccess: () => {
        form.reset();
        notifications.show({ color: "teal", message: t("password.changed") });
      },
      onError: (error) => {
        if (error instanceof ApiError && error.code === "wrong_password") {
          form.setErrors({ currentPassword: t("password.wrongCurrent") });
        } else form.showError(error);
      },
    });
  };
  return (
    <Paper withBorder p="md" maw={480}>
      <form onSubmit={submit} noValidate data-testid="password-form">
        <Stack>
          <Title order={2} size="h4">
            {t("password.title")}
          </Title>
          <PasswordInput
            visibilityToggleButtonProps={{ "aria-label": t("common.showPassword") }}
            label={t("password.current")}
            autoComplete="current-password"
            value={form.values.currentPassword}
            onChange={(e) => form.set("currentPassword", e.currentTarget.value)}
            error={form.errors.currentPassword}
          />
          <PasswordInput
            visibilityToggleButtonProps={{ "aria-label": t("common.showPassword") }}
            label={t("password.new")}
            description={t("setup.passwordHint")}
            autoComplete="new-password"
            value={form.values.newPassword}
            onChange={(e) => form.set("newPassword", e.currentTarget.value)}
            error={form.errors.newPassword}
          />
          <Alert color="blue" variant="light">
            {t("password.effect")}
          </Alert>
          {form.formError && <Alert color="red">{form.formError}</Alert>}
          <Button type="submit" loading={change.isPending} style={{ alignSelf: "flex-start" }}>
            {t("password.submit")}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
