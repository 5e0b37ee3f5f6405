import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Tabs,
  TextInput,
} from "@mantine/core";
import type { ChangeEvent, FormEvent } from "react";
import { type Contract, useContractTypes, useSaveContract } from "../../api/clients";
import { AuditTrail } from "../../components/AuditTrail";
import { ClientPicker } from "../../components/ClientPicker";
import { ConflictDialog } from "../../components/ConflictDialog";
import { DateField } from "../../components/DateField";
import { ContractBody, ContractPatch } from "../../contract";
import { useT } from "../../i18n";
import { changedFields, useVersionedSave } from "../../lib/conflict";
import { useForm } from "../../lib/form";
import { centsToInput, formatMinutes, formatMoney, parsePesos } from "../../lib/format";

interface Values {
  clientId: string | null;
  type: string | null;
  startsOn: string;
  endsOn: string;
  fee: string;
  includedHours: number | string;
  overage: string;
  slaNormal: number | string;
  slaUrgent: number | string;
  cancelled: boolean;
}

function initialValues(c: Contract | null): Values {
  return {
    clientId: c?.clientId ?? null,
    type: c?.type ?? null,
    startsOn: c?.startsOn ?? "",
    endsOn: c?.endsOn ?? "",
    fee: centsToInput(c?.monthlyFeeCents),
    // 4 decimals show any whole number of minutes (67 min: 1.1167 h) and give it back when saved.
    includedHours:
      c?.includedMinutesPerMonth == null ? "" : Number((c.includedMinutesPerMonth / 60).toFixed(4)),
    overage: centsToInput(c?.overageRateCents),
    slaNormal: c?.slaNormalMinutes ?? "",
    slaUrgent: c?.slaUrgentMinutes ?? "",
    cancelled: !!c?.cancelledAt,
  };
}

const num = (v: number | string) => (v === "" ? null : Number(v));
/** Hours as typed, in the whole minutes a póliza keeps (null: none). */
const includedMinutes = (hours: number | string) => (hours === "" ? null : Math.round(Number(hours) * 60));
const money = (v: string) => (v.trim() === "" ? null : (parsePesos(v) ?? Number.NaN));

function toBody(v: Values) {
  return {
    clientId: v.clientId ?? "",
    type: v.type ?? "",
    startsOn: v.startsOn,
    endsOn: v.endsOn || null,
    monthlyFeeCents: money(v.fee) ?? 0,
    includedMinutesPerMonth: includedMinutes(v.includedHours),
    overageRateCents: money(v.overage),
    slaNormalMinutes: num(v.slaNormal),
    slaUrgentMinutes: num(v.slaUrgent),
  };
}

/**
 * «1 h 8 min al mes» whenever the hours typed have a fraction: the whole minutes the póliza will keep
 * (0.001 h keeps 0 min, 1.004 h keeps 1 h). Nothing for a negative number, which the form refuses.
 */
function includedMinutesHint(hours: number | string, t: ReturnType<typeof useT>): string | undefined {
  const minutes = includedMinutes(hours);
  if (minutes === null || !Number.isFinite(minutes) || minutes < 0 || Number.isInteger(Number(hours)))
    return undefined;
  return t("contract.includedMinutes", { time: formatMinutes(minutes) });
}

const patchOf = (v: Values) => ({ ...toBody(v), cancelled: v.cancelled });

/**
 * What the contract's rules would word for the API's fields (cents, minutes) said for the fields as
 * typed: an amount that is not one in pesos, negative hours (not «minutes»).
 */
function typedErrors(v: Values, t: ReturnType<typeof useT>): Record<string, string> {
  const errors: Record<string, string> = {};
  const badMoney = (text: string) => text.trim() !== "" && parsePesos(text) === null;
  if (badMoney(v.fee)) errors.monthlyFeeCents = t("charge.badPrice");
  if (badMoney(v.overage)) errors.overageRateCents = t("charge.badPrice");
  if (v.includedHours !== "" && Number(v.includedHours) < 0)
    errors.includedMinutesPerMonth = t("contract.hoursNonnegative");
  return errors;
}

const CONFLICT_FIELDS = [
  "type",
  "startsOn",
  "endsOn",
  "monthlyFeeCents",
  "includedMinutesPerMonth",
  "overageRateCents",
  "slaNormalMinutes",
  "slaUrgentMinutes",
  "cancelledAt",
];

const formatField = (field: string, value: unknown) =>
  field.endsWith("Cents") && typeof value === "number" ? formatMoney(value) : null;

/**
 * Creates the contract, or saves only the fields the user changed based on the version the form was
 * filled from; a conflict opens the compare dialog.
 */
function useContractSubmit(contract: Contract | null, onClose: () => void) {
  const t = useT();
  const form = useForm<Values>(initialValues(contract), t);
  const save = useSaveContract();
  const { base, edit, send, discard, reapply } = useVersionedSave<Contract>({
    record: contract,
    patch: save.mutate,
    onSaved: onClose,
    onError: (e) => form.showError(e),
    refill: (current) => form.setValues(initialValues(current)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const extra = typedErrors(form.values, t);
    if (!base) {
      const body = form.validate(ContractBody, toBody(form.values), extra);
      if (body) save.mutate({ body }, { onSuccess: onClose, onError: (e) => form.showError(e) });
      return;
    }
    const body = form.validate(ContractPatch, patchOf(form.values), extra);
    if (!body) return;
    const changes = changedFields(patchOf(initialValues(base)), body as ReturnType<typeof patchOf>);
    if (Object.keys(changes).length === 0) return onClose();
    send(changes, base);
  };
  return { form, submit, busy: save.isPending, edit, discard, reapply };
}

function ContractForm({ contract, onClose }: { contract: Contract | null; onClose: () => void }) {
  const t = useT();
  const types = useContractTypes();
  const { form, submit, busy, edit, discard, reapply } = useContractSubmit(contract, onClose);
  const { values, errors } = form;
  const text = (key: "fee" | "overage") => ({
    value: values[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => form.set(key, e.currentTarget.value),
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ClientPicker
          label={t("ticket.client")}
          value={values.clientId}
          onChange={(v) => form.set("clientId", v)}
          error={errors.clientId}
          disabled={!!contract}
        />
        <Select
          label={t("contract.type")}
          data={(types.data?.items ?? [])
            .filter((x) => x.active || x.code === values.type)
            .map((x) => ({ value: x.code, label: `${x.code} · ${x.name}` }))}
          value={values.type}
          onChange={(v) => form.set("type", v)}
          error={errors.type}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField
            label={t("contract.startsOn")}
            value={values.startsOn}
            onChange={(day) => form.set("startsOn", day)}
            error={errors.startsOn}
          />
          <DateField
            label={t("contract.endsOn")}
            value={values.endsOn}
            onChange={(day) => form.set("endsOn", day)}
            error={errors.endsOn}
            clearable
          />
          <TextInput
            label={t("contract.monthlyFee")}
            leftSection="$"
            {...text("fee")}
            error={errors.monthlyFeeCents}
          />
          <NumberInput
            label={t("contract.includedHours")}
            min={0}
            // Hours are saved as whole minutes: what a fraction comes to is said, never cut as typed
            // (decimalScale={2} dropped a third decimal: 1.125 h became 1.12).
            description={includedMinutesHint(values.includedHours, t)}
            value={values.includedHours}
            onChange={(v) => form.set("includedHours", v)}
            error={errors.includedMinutesPerMonth}
          />
          <TextInput
            label={t("contract.overageRate")}
            leftSection="$"
            {...text("overage")}
            error={errors.overageRateCents}
          />
          <div />
          <NumberInput
            label={t("contract.slaNormal")}
            description={t("contract.slaDefault")}
            min={1}
            // A decimal stays typed for «Minutos enteros» to refuse it: allowDecimal={false} dropped the
            // point and «1.5» was saved as a 15-minute response time.
            value={values.slaNormal}
            onChange={(v) => form.set("slaNormal", v)}
            error={errors.slaNormalMinutes}
          />
          <NumberInput
            label={t("contract.slaUrgent")}
            description={t("contract.slaDefault")}
            min={1}
            value={values.slaUrgent}
            onChange={(v) => form.set("slaUrgent", v)}
            error={errors.slaUrgentMinutes}
          />
        </SimpleGrid>
        {Number(values.includedHours) > 0 && !values.overage.trim() && (
          // Allowed (a bank of hours with no charge past it), but rarely meant: the run bills no overage.
          <Alert color="yellow" data-testid="no-overage-rate">
            {t("contract.noOverageRate", { hours: String(values.includedHours) })}
          </Alert>
        )}
        {contract && (
          <Switch
            label={t("contract.cancelled")}
            checked={values.cancelled}
            onChange={(e) => form.set("cancelled", e.currentTarget.checked)}
          />
        )}
        {form.formError && <Alert color="red">{form.formError}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={busy}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
      <ConflictDialog
        conflict={edit.conflict}
        fields={CONFLICT_FIELDS}
        format={formatField}
        busy={busy}
        error={form.formError}
        onReapply={reapply}
        onDiscard={discard}
      />
    </form>
  );
}

export function ContractEditor({
  contract,
  opened,
  onClose,
}: {
  contract: Contract | null;
  opened: boolean;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("common.close") }}
      opened={opened}
      onClose={onClose}
      title={contract ? t("contract.edit") : t("contract.new")}
      size="lg"
    >
      {opened && !contract && <ContractForm key="new" contract={null} onClose={onClose} />}
      {opened && contract && (
        <Tabs defaultValue="data" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="data">{t("client.tab.data")}</Tabs.Tab>
            <Tabs.Tab value="history">{t("client.tab.history")}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="data">
            <ContractForm key={contract.id} contract={contract} onClose={onClose} />
          </Tabs.Panel>
          <Tabs.Panel value="history">
            <AuditTrail entity="contract" entityId={contract.id} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Modal>
  );
}
