import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useDraftOf } from "../../lib/draftHook";
import { PortalApiError, portalApi } from "../api";
import { usePortalI18n } from "../i18n";
import { meKey, usePortalMe } from "../session";
import type { PortalTicketDetail } from "../types";
import { NEW_REQUEST_DRAFT, ticketsKey } from "./TicketsPage";

interface NewRequest {
  title: string;
  description: string;
  wasWorking: string | null;
}
const EMPTY: NewRequest = { title: "", description: "", wasWorking: null };

const expired = (err: unknown) => err instanceof PortalApiError && err.status === 401;

/**
 * A new request: subject, description, and the urgency question of the firm's strategy. What is typed
 * is kept in this browser until it is sent (a reload, or a session that ended while typing, loses
 * nothing): after signing in again the form comes back filled.
 */
export function NewTicketPage() {
  const { t } = usePortalI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const userId = usePortalMe().data?.id;
  const [values, setValues] = useState<NewRequest>(EMPTY);
  const draft = useDraftOf(userId, NEW_REQUEST_DRAFT, { values, setValues }, { initial: EMPTY });
  const [error, setError] = useState<{ text: string; signIn: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<NewRequest>) => setValues((v) => ({ ...v, ...patch }));
  // Signed in again in another tab: this tab's CSRF token is the old session's. Read the current one
  // (usePortalMe's query stores it) and send once more.
  const sendRefreshingCsrf = async <T,>(send: () => Promise<T>): Promise<T> => {
    try {
      return await send();
    } catch (err) {
      if (!(err instanceof PortalApiError && err.code === "csrf_token_invalid")) throw err;
      await queryClient.refetchQueries({ queryKey: meKey });
      return await send();
    }
  };

  const [missingTitle, setMissingTitle] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // The form's own messages, in the portal's language (the browser's bubble speaks the browser's).
    if (!values.title.trim()) {
      setMissingTitle(true);
      return;
    }
    if (values.wasWorking === null) {
      setError({ text: t("new.urgency.required"), signIn: false });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = {
        title: values.title.trim(),
        description: values.description.trim(),
        wasWorking: values.wasWorking === "yes",
      };
      const created = await sendRefreshingCsrf(() => portalApi<PortalTicketDetail>("/tickets", "POST", body));
      draft.clear();
      await queryClient.invalidateQueries({ queryKey: ticketsKey });
      navigate(`/portal/tickets/${created.id}`, { state: { created: created.folio } });
    } catch (err) {
      if (expired(err)) setError({ text: t("new.sessionEnded"), signIn: true });
      else
        setError({
          text: err instanceof PortalApiError && err.message ? err.message : t("error.generic"),
          signIn: false,
        });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3">
            {t("new.title")}
          </Title>
          {draft.restored && (
            <Text size="sm" c="dimmed" role="status" data-testid="draft-notice">
              {t("new.draftRestored")} ·{" "}
              <Anchor component="button" type="button" size="sm" onClick={draft.discard}>
                {t("new.draftDiscard")}
              </Anchor>
            </Text>
          )}
          <TextInput
            label={t("new.subject")}
            required
            maxLength={200}
            value={values.title}
            onChange={(e) => {
              set({ title: e.currentTarget.value });
              setMissingTitle(false);
            }}
            error={missingTitle ? t("new.subjectRequired") : undefined}
          />
          <Textarea
            label={t("new.description")}
            autosize
            minRows={4}
            maxLength={20_000}
            value={values.description}
            onChange={(e) => set({ description: e.currentTarget.value })}
          />
          <Radio.Group
            label={t("new.urgency")}
            required
            value={values.wasWorking}
            onChange={(wasWorking) => set({ wasWorking })}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="yes" label={t("new.urgency.yes")} />
              <Radio value="no" label={t("new.urgency.no")} />
            </Stack>
          </Radio.Group>
          {error && (
            <Alert color="red" data-testid="new-error">
              {error.text}
              {error.signIn && (
                <Button
                  mt="sm"
                  size="xs"
                  display="block"
                  onClick={() => queryClient.setQueryData(meKey, null)}
                  data-testid="new-sign-in"
                >
                  {t("new.signInAgain")}
                </Button>
              )}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="subtle" component={Link} to="/portal">
              {t("new.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("new.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
