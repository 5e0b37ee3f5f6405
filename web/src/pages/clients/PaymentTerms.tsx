import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { FormEvent } from "react";
import { useUsers } from "../../api/admin";
import { type Client, usePatchClient } from "../../api/clients";
import { useCreditStatus, useRequestCredit } from "../../api/credit-warranty";
import { useT } from "../../i18n";
import { errorMessage, useForm } from "../../lib/form";
import { formatDateTime, formatMoney } from "../../lib/format";
import { CreditFlag } from "../credit/CreditFlag";
import { checkCreditRequest } from "./creditRequest";

/** "Crédito a 30 días · límite: $50,000.00 MXN" or "Contado", and who approved the credit and when. */
function TermsSummary({ client }: { client: Client }) {
  const t = useT();
  const users = useUsers();
  const approver =
    users.data?.items.find((u) => u.id === client.creditApprovedBy)?.name ?? client.creditApprovedBy;
  const limit =
    client.creditLimitCents === null ? t("client.terms.noLimit") : formatMoney(client.creditLimitCents);
  return (
    <Stack gap={2} data-testid="terms-summary">
      <Text fw={500}>
        {client.paymentTerms === "credit"
          ? t("client.terms.creditSummary", { days: client.creditDays ?? "—", limit })
          : t("payment.cash")}
      </Text>
      {client.paymentTerms === "credit" && client.creditApprovedAt && (
        <Text size="sm" c="dimmed" data-testid="credit-approval">
          {t("client.terms.approved", { who: approver ?? "—", at: formatDateTime(client.creditApprovedAt) })}
        </Text>
      )}
    </Stack>
  );
}

/** Credit is asked for (days, limit, why) and Ventas decides it in the credit requests queue. */
function RequestForm({ client }: { client: Client }) {
  const t = useT();
  const request = useRequestCredit();
  const form = useForm({ days: 30 as number | string, limit: "", reason: "" }, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // All at once, beside each field: «1.5» days reads «Días enteros» next to the days (not the
    // server's «Datos inválidos (body.creditDays: …)» above the button), with the limit's and reason's.
    const { body, errors } = checkCreditRequest(t, client.id, form.values);
    if (!body) return form.setErrors(errors);
    request.mutate(body, {
      onSuccess: () => notifications.show({ color: "teal", message: t("credit.requestSent") }),
      onError: (e) => form.showError(e),
    });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="credit-request-form">
      <Stack gap="sm">
        <Text size="sm" fw={500}>
          {t("credit.requestTitle")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t("client.creditDays")}
            min={1}
            max={365}
            // A decimal stays typed and the request is refused beside it («Días enteros»):
            // allowDecimal={false} dropped the point and «1.5» asked for 15 days of credit.
            value={form.values.days}
            onChange={(v) => {
              form.set("days", v);
              // Its error is kept under the request's name for it, not the form's.
              form.clearErrors(["creditDays"]);
            }}
            error={form.errors.creditDays}
          />
          <TextInput
            label={t("client.creditLimit")}
            leftSection="$"
            placeholder="0.00"
            value={form.values.limit}
            onChange={(e) => {
              form.set("limit", e.currentTarget.value);
              form.clearErrors(["creditLimitCents"]);
            }}
            error={form.errors.creditLimitCents}
          />
        </SimpleGrid>
        <Textarea
          label={t("credit.reason")}
          value={form.values.reason}
          onChange={(e) => form.set("reason", e.currentTarget.value)}
          error={form.errors.reason}
          autosize
          minRows={2}
        />
        {form.formError && <Alert color="red">{form.formError}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={request.isPending}>
            {t("credit.requestSend")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Ventas may take credit away (back to cash); granting it goes through a request. */
function BackToCash({ client }: { client: Client }) {
  const t = useT();
  const patch = usePatchClient();
  return (
    <Group justify="flex-end">
      {patch.isError && <Text c="red">{errorMessage(t, patch.error)}</Text>}
      <Button
        size="xs"
        variant="subtle"
        color="red"
        loading={patch.isPending}
        onClick={() =>
          patch.mutate({ id: client.id, body: { paymentTerms: "cash", version: client.version } })
        }
      >
        {t("credit.backToCash")}
      </Button>
    </Group>
  );
}

/**
 * Payment terms with the approval, the over-limit flag, a pending request, and the request form for
 * the staff who may ask (`canRequest`); Ventas (`canRevoke`) may also take credit away.
 */
export function PaymentTerms({
  client,
  canRequest,
  canRevoke,
}: {
  client: Client;
  canRequest: boolean;
  canRevoke: boolean;
}) {
  const t = useT();
  const status = useCreditStatus(client.id);
  const pending = status.data?.pendingRequest ?? null;
  return (
    <Paper withBorder p="md" data-testid="payment-terms">
      <Title order={3} size="h5" mb="xs">
        {t("client.terms.title")}
      </Title>
      <Stack gap="sm">
        <TermsSummary client={client} />
        <CreditFlag clientId={client.id} />
        {pending && (
          <Alert color="yellow" data-testid="credit-pending">
            {t("credit.pendingSummary", {
              days: pending.creditDays,
              limit: formatMoney(pending.creditLimitCents),
              who: pending.requestedByName ?? "—",
            })}
          </Alert>
        )}
        {canRevoke && client.paymentTerms === "credit" && <BackToCash client={client} />}
        {canRequest && !pending && client.paymentTerms === "cash" && status.data && (
          <RequestForm key={client.updatedAt} client={client} />
        )}
      </Stack>
    </Paper>
  );
}
