import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Switch,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { FormEvent } from "react";
import { useCategories } from "../../api/clients";
import { usePatchTicket } from "../../api/tickets";
import { type ServiceKind, type TicketDetail, TicketPatchBody } from "../../contract";
import { useT } from "../../i18n";
import { blankToUndefined, useForm } from "../../lib/form";

/** Reception/leader: reclassify an open ticket (urgency, category, kind, estimate) with a reason. */
export function ClassificationPanel({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const patch = usePatchTicket(ticket.id);
  const categories = useCategories();
  const form = useForm(
    {
      urgent: ticket.urgent,
      category: ticket.category,
      serviceKind: ticket.serviceKind as ServiceKind,
      estimate: (ticket.estimatedSolutionMinutes ?? "") as number | string,
      reason: "",
    },
    t,
  );
  const { values, errors } = form;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.validate(TicketPatchBody, {
      urgent: values.urgent,
      category: values.category,
      serviceKind: values.serviceKind,
      estimatedSolutionMinutes: values.estimate === "" ? null : Number(values.estimate),
      reason: blankToUndefined(values.reason),
    });
    if (body) {
      patch.mutate(body, {
        onSuccess: () => notifications.show({ color: "teal", message: t("common.saved") }),
        onError: (e) => form.showError(e),
      });
    }
  };
  return (
    <Paper withBorder p="md" data-testid="classification">
      <form onSubmit={submit} noValidate>
        <Title order={3} size="h5" mb="xs">
          {t("classify.title")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Switch
            label={t("ticket.urgent")}
            checked={values.urgent}
            onChange={(e) => form.set("urgent", e.currentTarget.checked)}
            mt="md"
          />
          <SegmentedControl
            value={values.serviceKind}
            onChange={(v) => form.set("serviceKind", v as ServiceKind)}
            data={(["contract", "event"] as const).map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
          <Select
            label={t("ticket.category")}
            data={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
            value={values.category}
            onChange={(v) => form.set("category", v)}
            clearable
            error={errors.category}
          />
          <NumberInput
            label={t("intake.estimate")}
            min={1}
            allowDecimal={false}
            value={values.estimate}
            onChange={(v) => form.set("estimate", v)}
            error={errors.estimatedSolutionMinutes}
          />
        </SimpleGrid>
        <Group align="flex-end" mt="sm">
          <TextInput
            label={t("common.reason")}
            value={values.reason}
            onChange={(e) => form.set("reason", e.currentTarget.value)}
            error={errors.reason}
            style={{ flex: 1 }}
          />
          <Button type="submit" variant="light" loading={patch.isPending}>
            {t("common.save")}
          </Button>
        </Group>
        {form.formError && (
          <Alert color="red" mt="sm">
            {form.formError}
          </Alert>
        )}
      </form>
    </Paper>
  );
}
