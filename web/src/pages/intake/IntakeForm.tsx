import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import type { FormEvent, KeyboardEvent } from "react";
import { type CallerMatch, useCategories } from "../../api/clients";
import { useCreateTicket } from "../../api/tickets";
import { type Ticket, TicketCreateBody } from "../../contract";
import { useT } from "../../i18n";
import type { FormState } from "../../lib/form";
import { formatMinutes } from "../../lib/format";
import { CoverageNote } from "./CoverageNote";

export interface IntakeValues {
  title: string;
  description: string;
  urgent: "yes" | "no" | "";
  category: string | null;
  estimate: number | string;
  estimateTouched: boolean;
  channel: "phone" | "email" | "walk_in";
}

export const INTAKE_EMPTY: IntakeValues = {
  title: "",
  description: "",
  urgent: "",
  category: null,
  estimate: "",
  estimateTouched: false,
  channel: "phone",
};

/** Enter in the subject goes on to the description: the subject is typed first, the form is far from done. */
function onToDescription(event: KeyboardEvent<HTMLInputElement>) {
  const plain = !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
  if (event.key !== "Enter" || !plain || event.nativeEvent.isComposing) return;
  event.preventDefault();
  document.getElementById("intake-description")?.focus();
}

/** Ctrl+Enter (⌘+Enter) files the ticket from any field, the description's text area included. */
function submitOnCtrlEnter(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
  event.preventDefault();
  event.currentTarget.requestSubmit();
}

/** The submit button, with the way to press it from the keyboard. */
function SubmitRow({ pending }: { pending: boolean }) {
  const t = useT();
  return (
    <Group justify="flex-end">
      <Text size="sm" c="dimmed">
        {t("intake.submitShortcut")}
      </Text>
      <Button
        type="submit"
        size="md"
        loading={pending}
        aria-keyshortcuts="Control+Enter"
        data-testid="intake-submit"
      >
        {t("intake.submit")}
      </Button>
    </Group>
  );
}

/** The ticket's own fields; the state lives in the page, which keeps it as a draft with the caller. */
export function IntakeForm({
  caller,
  form,
  onCreated,
}: {
  caller: CallerMatch;
  form: FormState<IntakeValues>;
  onCreated: (ticket: Ticket) => void;
}) {
  const t = useT();
  const categories = useCategories();
  const create = useCreateTicket();
  const { values, errors } = form;
  const activeCategories = (categories.data?.items ?? []).filter((c) => c.active);

  const pickCategory = (code: string | null) => {
    form.set("category", code);
    const category = activeCategories.find((c) => c.code === code);
    // The estimate follows the category until typed in: none once the category is cleared.
    if (!values.estimateTouched) form.set("estimate", category ? category.estimateMinutes : "");
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Every missing field is shown at once, the urgency question included.
    const unanswered = values.urgent === "" ? { urgent: t("intake.urgentRequired") } : undefined;
    const body = form.validate(
      TicketCreateBody,
      {
        clientId: caller.client.id,
        contactId: caller.contact?.id ?? undefined,
        title: values.title,
        description: values.description,
        urgent: values.urgent === "yes",
        channel: values.channel,
        category: values.category ?? undefined,
        estimatedSolutionMinutes: values.estimate === "" ? undefined : Number(values.estimate),
      },
      unanswered,
    );
    if (body) create.mutate(body, { onSuccess: onCreated, onError: (e) => form.showError(e) });
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} onKeyDown={submitOnCtrlEnter} noValidate data-testid="intake-form">
        <Stack gap="sm">
          <TextInput
            label={t("ticket.title")}
            id="intake-title"
            autoFocus
            size="md"
            value={values.title}
            onChange={(e) => form.set("title", e.currentTarget.value)}
            onKeyDown={onToDescription}
            error={errors.title}
          />
          <Textarea
            label={t("ticket.description")}
            id="intake-description"
            autosize
            minRows={3}
            value={values.description}
            onChange={(e) => form.set("description", e.currentTarget.value)}
            error={errors.description}
          />
          <Radio.Group
            label={t("intake.urgentQuestion")}
            description={t("intake.urgentHint")}
            value={values.urgent}
            onChange={(v) => form.set("urgent", v as IntakeValues["urgent"])}
            error={errors.urgent}
          >
            <Group mt={6}>
              <Radio value="yes" label={t("intake.urgentYes")} />
              <Radio value="no" label={t("intake.urgentNo")} />
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t("ticket.category")}
              data={activeCategories.map((c) => ({ value: c.code, label: c.name }))}
              value={values.category}
              onChange={pickCategory}
              searchable
              clearable
              error={errors.category}
            />
            <NumberInput
              label={t("intake.estimate")}
              description={values.estimate === "" ? undefined : formatMinutes(Number(values.estimate))}
              min={1}
              step={15}
              value={values.estimate}
              onChange={(v) => form.setValues({ ...values, estimate: v, estimateTouched: true })}
              error={errors.estimatedSolutionMinutes}
            />
            <Select
              label={t("ticket.channel")}
              data={(["phone", "email", "walk_in"] as const).map((c) => ({
                value: c,
                label: t(`channel.${c}`),
              }))}
              value={values.channel}
              onChange={(v) => v && form.set("channel", v as IntakeValues["channel"])}
              allowDeselect={false}
            />
          </SimpleGrid>
          <CoverageNote caller={caller} category={activeCategories.find((c) => c.code === values.category)} />
          {form.formError && <Alert color="red">{form.formError}</Alert>}
          <SubmitRow pending={create.isPending} />
        </Stack>
      </form>
    </Paper>
  );
}
