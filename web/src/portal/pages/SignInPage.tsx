import { Alert, Button, Card, Stack, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { portalApi } from "../api";
import { usePortalI18n } from "../i18n";

/** Asks for a sign-in link: the answer is the same whether or not the address has an account. */
export function SignInPage() {
  const { t } = usePortalI18n();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailed(false);
    try {
      await portalApi("/magic-link", "POST", { email: email.trim() });
      setSent(email.trim());
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder maw={480} mx="auto" mt="lg" padding="lg">
      {sent ? (
        <Stack>
          <Title order={2} size="h3">
            {t("signIn.sent.title")}
          </Title>
          <Text>{t("signIn.sent.body", { email: sent })}</Text>
          <Button variant="subtle" onClick={() => setSent(null)}>
            {t("signIn.again")}
          </Button>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <Title order={2} size="h3">
              {t("signIn.title")}
            </Title>
            <Text c="dimmed">{t("signIn.intro")}</Text>
            <TextInput
              label={t("signIn.email")}
              type="email"
              autoComplete="email"
              required
              maxLength={254}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            {failed && <Alert color="red">{t("error.generic")}</Alert>}
            <Button type="submit" loading={busy}>
              {t("signIn.send")}
            </Button>
          </Stack>
        </form>
      )}
    </Card>
  );
}
