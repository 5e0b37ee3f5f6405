import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { FormEvent } from "react";
import { useUsers } from "../../api/admin";
import { type Client, usePatchClient } from "../../api/clients";
import { ConflictDialog } from "../../components/ConflictDialog";
import { ClientPatch, type PaymentTerms as Terms } from "../../contract";
import { type Translate, useT } from "../../i18n";
import { useEditConflict } from "../../lib/conflict";
import { type FormState, useForm } from "../../lib/form";
import { centsToInput, formatDateTime, formatMoney, parsePesos } from "../../lib/format";

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

interface Values {
  terms: Terms;
  days: number | string;
  limit: string;
}

/** The PATCH body for the chosen terms, or null after showing a bad amount. */
function termsInput(t: Translate, form: FormState<Values>) {
  const { values } = form;
  if (values.terms === "cash") return { paymentTerms: "cash" as const };
  const cents = values.limit.trim() === "" ? null : parsePesos(values.limit);
  if (cents === null && values.limit.trim() !== "") {
    form.setErrors({ creditLimitCents: t("client.badMoney") });
    return null;
  }
  const creditDays = values.days === "" ? null : Number(values.days);
  return { paymentTerms: "credit" as const, creditDays, creditLimitCents: cents };
}

function CreditFields({ form }: { form: FormState<Values> }) {
  const t = useT();
  const { values, errors } = form;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <NumberInput
        label={t("client.creditDays")}
        min={1}
        max={365}
        allowDecimal={false}
        value={values.days}
        onChange={(v) => form.set("days", v)}
        error={errors.creditDays}
      />
      <TextInput
        label={t("client.creditLimit")}
        description={t("client.creditLimitHint")}
        leftSection="$"
        placeholder="0.00"
        value={values.limit}
        onChange={(e) => form.set("limit", e.currentTarget.value)}
        error={errors.creditLimitCents}
      />
    </SimpleGrid>
  );
}

function TermsForm({ client }: { client: Client }) {
  const t = useT();
  const patch = usePatchClient();
  const initial = {
    terms: client.paymentTerms,
    days: client.creditDays ?? 30,
    limit: centsToInput(client.creditLimitCents),
  };
  const form = useForm<Values>(initial, t);
  const edit = useEditConflict<Client>();
  const send = (mine: Record<string, unknown>, from: Client) =>
    patch.mutate(
      { id: from.id, body: { ...mine, version: from.version } },
      {
        onSuccess: () => {
          edit.close();
          notifications.show({ color: "teal", message: t("client.terms.saved") });
        },
        onError: (e) => edit.caught(e, from, mine) || form.showError(e),
      },
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = termsInput(t, form);
    const body = input && form.validate(ClientPatch, input);
    if (body) send(body, client);
  };
  return (
    <form onSubmit={submit} noValidate data-testid="terms-form">
      <Stack gap="sm">
        <SegmentedControl
          value={form.values.terms}
          onChange={(v) => form.set("terms", v as Terms)}
          data={(["cash", "credit"] as const).map((k) => ({ value: k, label: t(`payment.${k}`) }))}
          aria-label={t("client.paymentTerms")}
        />
        {form.values.terms === "credit" && <CreditFields form={form} />}
        {form.formError && <Alert color="red">{form.formError}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={patch.isPending}>
            {t("client.terms.save")}
          </Button>
        </Group>
      </Stack>
      <ConflictDialog
        conflict={edit.conflict}
        fields={["paymentTerms", "creditDays", "creditLimitCents"]}
        format={(field, value) =>
          field === "creditLimitCents" && typeof value === "number" ? formatMoney(value) : null
        }
        busy={patch.isPending}
        error={form.formError}
        onReapply={() => edit.conflict && send(edit.conflict.mine, edit.conflict.current)}
        onDiscard={edit.close}
      />
    </form>
  );
}

/** Payment terms: editable by Ventas and admin only; everyone else sees them with the approval. */
export function PaymentTerms({ client, editable }: { client: Client; editable: boolean }) {
  const t = useT();
  return (
    <Paper withBorder p="md" data-testid="payment-terms">
      <Title order={3} size="h5" mb="xs">
        {t("client.terms.title")}
      </Title>
      <TermsSummary client={client} />
      {editable ? (
        <Stack mt="sm">
          <TermsForm key={client.updatedAt} client={client} />
        </Stack>
      ) : (
        <Text size="xs" c="dimmed" mt="xs">
          {t("client.terms.salesOnly")}
        </Text>
      )}
    </Paper>
  );
}
