import { Alert, Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useRef, useState } from "react";
import { useLogin } from "../../api/auth";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/form";
import { takeSessionExpired } from "../../lib/session";
import { preloadRoute } from "../../routeLoaders";
import { AuthCard } from "./AuthCard";

export function LoginPage({ companyName }: { companyName: string | null }) {
  const t = useT();
  const login = useLogin();
  const [expired] = useState(takeSessionExpired);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState(false);
  // Once the user types, the shell and the screen they will land on load while they finish typing and
  // while the password is checked, instead of after the sign-in answers.
  const preloaded = useRef(false);
  const preload = () => {
    if (preloaded.current) return;
    preloaded.current = true;
    void preloadRoute(window.location.pathname);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    preload();
    login.mutate({ email: email.trim(), password });
  };

  return (
    <AuthCard title={t("login.title")} subtitle={companyName ?? t("login.subtitle")}>
      {expired && !login.isError && (
        <Alert color="yellow" role="status">
          {t("login.expired")}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t("login.email")}
            type="email"
            autoComplete="username"
            autoFocus
            value={email}
            onChange={(e) => {
              preload();
              setEmail(e.currentTarget.value);
            }}
            error={missing && !email.trim() ? t("common.required") : undefined}
          />
          <PasswordInput
            visibilityToggleButtonProps={{ "aria-label": t("common.showPassword") }}
            label={t("login.password")}
            autoComplete="current-password"
            value={password}
            onChange={(e) => {
              preload();
              setPassword(e.currentTarget.value);
            }}
            error={missing && !password ? t("common.required") : undefined}
          />
          {login.isError && (
            <Alert color="red" role="alert">
              {errorMessage(t, login.error)}
            </Alert>
          )}
          <Button type="submit" loading={login.isPending} fullWidth>
            {t("login.submit")}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
