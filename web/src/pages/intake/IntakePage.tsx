// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/Combobox.layer.css";
import "@mantine/core/styles/InlineInput.layer.css";
import "@mantine/core/styles/CheckboxCard.layer.css";
import "@mantine/core/styles/CheckboxIndicator.layer.css";
import "@mantine/core/styles/Checkbox.layer.css";
import "@mantine/core/styles/NumberInput.layer.css";
import "@mantine/core/styles/RadioCard.layer.css";
import "@mantine/core/styles/RadioIndicator.layer.css";
import "@mantine/core/styles/Radio.layer.css";
import "@mantine/core/styles/SimpleGrid.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { Stack } from "@mantine/core";
import { useCallback, useState } from "react";
import type { CallerMatch } from "../../api/clients";
import { DraftNotice } from "../../components/DraftNotice";
import { PageHeader } from "../../components/PageHeader";
import type { Ticket } from "../../contract";
import { useT } from "../../i18n";
import { useDraft } from "../../lib/drafts";
import { useForm } from "../../lib/form";
import { useLeaveGuard } from "../../lib/leaveGuard";
import { CallerSearch } from "./CallerSearch";
import { INTAKE_EMPTY, IntakeForm, type IntakeValues } from "./IntakeForm";
import { IntakeResult } from "./IntakeResult";
import { NewClientForm } from "./NewClientForm";
import { SelectedCaller } from "./SelectedCaller";

type Step = { kind: "search" } | { kind: "new"; text: string } | { kind: "form"; caller: CallerMatch };
interface IntakeDraft {
  step: Step;
  values: IntakeValues;
}

const SEARCH: Step = { kind: "search" };
const EMPTY_DRAFT: IntakeDraft = { step: SEARCH, values: INTAKE_EMPTY };

/**
 * A caller chosen with nothing typed is found again in seconds: not worth a draft, nor a "leave
 * without saving?" when reception opens one of the caller's open tickets instead of filing a new one.
 */
const somethingTyped = (draft: IntakeDraft) => JSON.stringify(draft.values) !== JSON.stringify(INTAKE_EMPTY);

/** The caller and the typed fields, kept as one draft until the ticket is created or discarded. */
function useIntakeDraft() {
  const t = useT();
  const form = useForm<IntakeValues>(INTAKE_EMPTY, t);
  const [step, setStep] = useState<Step>(SEARCH);
  const setFormValues = form.setValues;
  const setValues = useCallback(
    (draft: IntakeDraft) => {
      setStep(draft.step);
      setFormValues(draft.values);
    },
    [setFormValues],
  );
  const draft = useDraft(
    "intake",
    { values: { step, values: form.values }, setValues },
    { initial: EMPTY_DRAFT, worthKeeping: somethingTyped },
  );
  return { form, step, setStep, draft };
}

export default function IntakePage() {
  const t = useT();
  const { form, step, setStep, draft } = useIntakeDraft();
  const [created, setCreated] = useState<Ticket | null>(null);
  const [round, setRound] = useState(0);
  useLeaveGuard(draft.dirty && !created);

  const onCreated = (ticket: Ticket) => {
    draft.clear();
    setCreated(ticket);
  };
  const next = () => {
    form.reset();
    setCreated(null);
    setStep(SEARCH);
    setRound((r) => r + 1);
  };

  if (created) {
    return (
      <Stack maw={900}>
        <PageHeader title={t("intake.title")} />
        <IntakeResult ticket={created} onNext={next} />
      </Stack>
    );
  }
  return (
    <Stack maw={900} key={round}>
      <PageHeader title={t("intake.title")} subtitle={t("intake.subtitle")} />
      <DraftNotice draft={draft} />
      {step.kind === "search" && (
        <CallerSearch
          onPick={(caller) => setStep({ kind: "form", caller })}
          onNewClient={(text) => setStep({ kind: "new", text })}
        />
      )}
      {step.kind === "new" && (
        <NewClientForm
          initialText={step.text}
          onCreated={(caller) => setStep({ kind: "form", caller })}
          onCancel={() => setStep(SEARCH)}
        />
      )}
      {step.kind === "form" && (
        <>
          <SelectedCaller
            match={step.caller}
            onChange={(caller) => setStep({ kind: "form", caller })}
            onClear={() => setStep(SEARCH)}
          />
          <IntakeForm caller={step.caller} form={form} onCreated={onCreated} />
        </>
      )}
    </Stack>
  );
}
