import { Alert, Button, Card, Group, Radio, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { PortalApiError, portalApi } from "../api";
import { usePortalI18n } from "../i18n";
import type { PortalTicketDetail } from "../types";
import { ticketsKey } from "./TicketsPage";

/** A new request: subject, description, and the urgency question of the firm's strategy. */
export function NewTicketPage() {
  const { t } = usePortalI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [wasWorking, setWasWorking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (wasWorking === null) {
      setError(t("new.urgency.required"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = { title: title.trim(), description: description.trim(), wasWorking: wasWorking === "yes" };
      const created = await portalApi<PortalTicketDetail>("/tickets", "POST", body);
      await queryClient.invalidateQueries({ queryKey: ticketsKey });
      navigate(`/portal/tickets/${created.id}`, { state: { created: created.folio } });
    } catch (err) {
      setError(err instanceof PortalApiError && err.message ? err.message : t("error.generic"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} size="h3">
            {t("new.title")}
          </Title>
          <TextInput
            label={t("new.subject")}
            required
            maxLength={200}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Textarea
            label={t("new.description")}
            autosize
            minRows={4}
            maxLength={20_000}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Radio.Group label={t("new.urgency")} required value={wasWorking} onChange={setWasWorking}>
            <Stack gap="xs" mt="xs">
              <Radio value="yes" label={t("new.urgency.yes")} />
              <Radio value="no" label={t("new.urgency.no")} />
            </Stack>
          </Radio.Group>
          {error && <Alert color="red">{error}</Alert>}
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
