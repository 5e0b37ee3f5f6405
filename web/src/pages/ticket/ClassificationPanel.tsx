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
import { type FormEvent, useEffect, useState } from "react";
import { useCategories } from "../../api/clients";
import { usePatchTicket } from "../../api/tickets";
import { ConflictDialog, type FormatValue } from "../../components/ConflictDialog";
import { type ServiceKind, type Ticket, TicketPatchBody } from "../../contract";
import { type Translate, useT } from "../../i18n";
import { changedFields, sameValue, useEditConflict } from "../../lib/conflict";
import { blankToUndefined, useForm } from "../../lib/form";
import { formatDateTime, formatWeekdayDateTime } from "../../lib/format";

interface Values {
  urgent: boolean;
  category: string | null;
  serviceKind: ServiceKind;
  estimate: number | string;
  reason: string;
  /** With a new category, keep the kind by hand (with the reason) instead of letting coverage decide. */
  keepKind: boolean;
}

const valuesOf = (ticket: Ticket): Values => ({
  urgent: ticket.urgent,
  category: ticket.category,
  serviceKind: ticket.serviceKind as ServiceKind,
  estimate: ticket.estimatedSolutionMinutes ?? "",
  reason: "",
  keepKind: false,
});

const fieldsOf = (v: Values) => ({
  urgent: v.urgent,
  category: v.category,
  serviceKind: v.serviceKind,
  estimatedSolutionMinutes: v.estimate === "" ? null : Number(v.estimate),
});

const CONFLICT_FIELDS = ["urgent", "serviceKind", "category", "estimatedSolutionMinutes", "responseDueAt"];

const formatField =
  (t: Translate): FormatValue =>
  (field, value) => {
    if (field === "serviceKind" && typeof value === "string") return t(`kind.${value as ServiceKind}`);
    if (field === "responseDueAt" && typeof value === "string") return formatDateTime(value);
    return null;
  };

/**
 * Reception/leader: reclassify an open ticket (urgency, category, kind, estimate) with a reason.
 * Saves only the fields the user changed, based on the version the form was filled from: if someone
 * saved the ticket meanwhile, a dialog compares and lets the user re-apply or discard their change.
 */
export function ClassificationPanel({ ticket }: { ticket: Ticket }) {
  const t = useT();
  const patch = usePatchTicket(ticket.id);
  const categories = useCategories();
  const [base, setBase] = useState<Ticket>(ticket);
  const form = useForm(valuesOf(base), t);
  const edit = useEditConflict<Ticket>();
  const { values, errors } = form;
  const rebase = (next: Ticket) => {
    setBase(next);
    form.setValues(valuesOf(next));
  };
  // An untouched form follows the ticket as it refreshes; an edited one keeps the version it was based on.
  const pristine = sameValue(values, valuesOf(base));
  useEffect(() => {
    if (pristine && ticket.version !== base.version) {
      setBase(ticket);
      form.setValues(valuesOf(ticket));
    }
  }, [pristine, ticket, base.version, form.setValues]);

  const send = (changes: Record<string, unknown>, from: Ticket) =>
    patch.mutate(
      { ...changes, reason: blankToUndefined(values.reason), version: from.version },
      {
        onSuccess: (saved) => {
          edit.close();
          rebase(saved);
          // A new category may decide the kind again (the póliza that covers it, else per event).
          const decided = !("serviceKind" in changes) && saved.serviceKind !== from.serviceKind;
          notifications.show({
            color: "teal",
            message: decided
              ? t("classify.kindDecided", {
                  kind: t(`kind.${saved.serviceKind as ServiceKind}`),
                  due: formatWeekdayDateTime(saved.responseDueAt),
                })
              : t("common.saved"),
          });
        },
        onError: (e) => {
          if (!edit.caught(e, from, changes)) form.showError(e);
        },
      },
    );
  // A new category decides the kind again unless kept by hand (or set here, or already responded to).
  const coverageDecides =
    values.category !== base.category && values.serviceKind === base.serviceKind && base.respondedAt === null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.validate(TicketPatchBody, {
      ...fieldsOf(values),
      reason: blankToUndefined(values.reason),
    });
    if (!body) return;
    const changes: Record<string, unknown> = changedFields(fieldsOf(valuesOf(base)), fieldsOf(values));
    // Kept by hand, the kind goes with the change as it is (the server records it with the reason).
    if (coverageDecides && values.keepKind) changes.serviceKind = values.serviceKind;
    if (Object.keys(changes).length === 0) {
      notifications.show({ color: "teal", message: t("common.saved") });
      return;
    }
    send(changes, base);
  };
  const discard = () => {
    if (edit.conflict) rebase(edit.conflict.current);
    edit.close();
    notifications.show({ color: "gray", message: t("conflict.discarded") });
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
            description={coverageDecides && !values.keepKind ? t("classify.categoryDecidesKind") : undefined}
          />
          {coverageDecides && (
            <Switch
              label={t("classify.keepKind", { kind: t(`kind.${values.serviceKind}`) })}
              description={t("classify.keepKindReason")}
              checked={values.keepKind}
              onChange={(e) => form.set("keepKind", e.currentTarget.checked)}
            />
          )}
          <NumberInput
            label={t("intake.estimate")}
            min={1}
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
      <ConflictDialog
        conflict={edit.conflict}
        fields={CONFLICT_FIELDS}
        format={formatField(t)}
        busy={patch.isPending}
        error={form.formError}
        onReapply={() => edit.conflict && send(edit.conflict.mine, edit.conflict.current)}
        onDiscard={discard}
      />
    </Paper>
  );
}
