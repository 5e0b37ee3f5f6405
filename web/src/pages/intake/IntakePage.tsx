import { Stack } from "@mantine/core";
import { useState } from "react";
import type { CallerMatch } from "../../api/clients";
import { PageHeader } from "../../components/PageHeader";
import type { Ticket } from "../../contract";
import { useT } from "../../i18n";
import { CallerSearch } from "./CallerSearch";
import { IntakeForm } from "./IntakeForm";
import { IntakeResult } from "./IntakeResult";
import { NewClientForm } from "./NewClientForm";
import { SelectedCaller } from "./SelectedCaller";

type Step = { kind: "search" } | { kind: "new"; text: string } | { kind: "form"; caller: CallerMatch };

export default function IntakePage() {
  const t = useT();
  const [step, setStep] = useState<Step>({ kind: "search" });
  const [created, setCreated] = useState<Ticket | null>(null);
  const [round, setRound] = useState(0);

  const next = () => {
    setCreated(null);
    setStep({ kind: "search" });
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
          onCancel={() => setStep({ kind: "search" })}
        />
      )}
      {step.kind === "form" && (
        <>
          <SelectedCaller
            match={step.caller}
            onChange={(caller) => setStep({ kind: "form", caller })}
            onClear={() => setStep({ kind: "search" })}
          />
          <IntakeForm caller={step.caller} onCreated={setCreated} />
        </>
      )}
    </Stack>
  );
}
