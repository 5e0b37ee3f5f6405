// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/Combobox.layer.css";
import "@mantine/core/styles/List.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import "@mantine/core/styles/SimpleGrid.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { Alert, Button, Group, Modal, Select, Text, TextInput } from "@mantine/core";
import { DateTime } from "luxon";
import { type FormEvent, useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { useExport, useInvoices, useRunPeriod } from "../../api/billing";
import { ClientPicker } from "../../components/ClientPicker";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { type MessageKey, useT } from "../../i18n";
import { errorMessage } from "../../lib/form";
import { displayTimeZone } from "../../lib/format";
import { ErpImport } from "./ErpImport";
import { InvoiceTable } from "./InvoiceTable";

const STATUSES = ["draft", "issued", "exported", "paid", "cancelled"] as const;
type Status = (typeof STATUSES)[number];
const isStatus = (v: string | null): v is Status => (STATUSES as readonly (string | null)[]).includes(v);

const currentPeriod = () => DateTime.now().setZone(displayTimeZone()).toFormat("yyyy-MM");

/** «noviembre de 2026» for a valid period; the text as typed otherwise (the server says what is wrong). */
function periodWords(period: string, locale: string): string {
  const d = DateTime.fromFormat(period, "yyyy-MM");
  return d.isValid ? d.setLocale(locale).toFormat(locale === "en" ? "LLLL yyyy" : "LLLL 'de' yyyy") : period;
}

/** Billing another month than this one is rare (a late run, a typo): it is asked first. */
function OtherMonthDialog(props: { period: string; onRun: () => void; onClose: () => void }) {
  const t = useT();
  const locale = t.locale === "en" ? "en" : "es";
  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ "aria-label": t("common.close") }}
      title={t("billing.otherMonthTitle", { period: periodWords(props.period, locale) })}
    >
      <Text size="sm" mb="md">
        {t("billing.otherMonthBody", {
          period: periodWords(props.period, locale),
          current: periodWords(currentPeriod(), locale),
        })}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          {t("common.back")}
        </Button>
        <Button onClick={props.onRun} data-testid="run-other-month">
          {t("billing.run")}
        </Button>
      </Group>
    </Modal>
  );
}

function RunPeriod() {
  const t = useT();
  const [period, setPeriod] = useState(currentPeriod);
  const [asking, setAsking] = useState(false);
  const run = useRunPeriod();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (PERIOD.test(period.trim()) && period.trim() !== currentPeriod()) return setAsking(true);
    run.mutate(period.trim());
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" mb="sm" wrap="wrap">
        <TextInput
          label={t("billing.period")}
          value={period}
          onChange={(e) => setPeriod(e.currentTarget.value)}
          w={160}
          name="period"
        />
        <Button type="submit" loading={run.isPending}>
          {t("billing.run")}
        </Button>
      </Group>
      {run.isSuccess && (
        <Alert color={run.data.failed.length ? "orange" : "teal"} mb="sm" data-testid="run-result">
          {t("billing.ran", { created: run.data.created, period: run.data.period })}
          {run.data.failed.length > 0 && ` — ${t("billing.runFailed", { count: run.data.failed.length })}`}
        </Alert>
      )}
      {run.isError && (
        <Alert color="red" mb="sm">
          {errorMessage(t, run.error)}
        </Alert>
      )}
      {asking && (
        <OtherMonthDialog
          period={period.trim()}
          onClose={() => setAsking(false)}
          onRun={() => {
            setAsking(false);
            run.mutate(period.trim());
          }}
        />
      )}
    </form>
  );
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The list's filters, kept in the URL (`?status=&period=&client=`) so a reload or a shared link keeps them. */
function useInvoiceFilters() {
  const [params, setParams] = useSearchParams();
  const status = params.get("status");
  const period = params.get("period") ?? "";
  const clientId = params.get("client");
  const set = (key: string) => (value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const query = {
    ...(isStatus(status) ? { status } : {}),
    // A month half typed is not sent: the list stays as it was until the month is whole.
    ...(PERIOD.test(period) ? { period } : {}),
    ...(clientId ? { clientId } : {}),
  };
  return { status: isStatus(status) ? status : null, period, clientId, query, set };
}

function InvoiceFilters({ filters }: { filters: ReturnType<typeof useInvoiceFilters> }) {
  const t = useT();
  return (
    <Group align="flex-end" mb="md" wrap="wrap" data-testid="invoice-filters">
      <Select
        w={200}
        label={t("billing.status")}
        placeholder={t("billing.allStatuses")}
        data={STATUSES.map((s) => ({ value: s, label: t(`billing.st.${s}` as MessageKey) }))}
        value={filters.status}
        onChange={filters.set("status")}
        clearable
      />
      <TextInput
        w={200}
        placeholder="AAAA-MM"
        label={t("billing.filterPeriod")}
        value={filters.period}
        onChange={(e) => filters.set("period")(e.currentTarget.value)}
      />
      <ClientPicker
        w={300}
        maw="100%"
        label={t("billing.client")}
        placeholder={t("billing.allClients")}
        value={filters.clientId}
        onChange={filters.set("client")}
        clearable
      />
    </Group>
  );
}

export default function BillingPage() {
  const t = useT();
  const filters = useInvoiceFilters();
  const invoices = useInvoices(filters.query);
  const exporter = useExport();
  const [importing, setImporting] = useState(false);
  // What the last export said belongs to the filters it was made under.
  const shownQuery = JSON.stringify(filters.query);
  const { reset } = exporter;
  useEffect(() => {
    if (shownQuery) reset();
  }, [shownQuery, reset]);
  const listed = invoices.data?.items ?? [];
  // An exported batch can be downloaded again (Microsip lost it): the exported invoices on screen.
  const again = filters.status === "exported" ? listed.map((i) => i.id) : [];
  const busy = (format: "csv" | "xlsx", ids?: string[]) =>
    exporter.isPending && exporter.variables?.format === format && !!exporter.variables.invoiceIds === !!ids;
  return (
    <>
      <PageHeader
        title={t("billing.title")}
        subtitle={t("billing.subtitle")}
        actions={
          <Group gap="xs">
            <Button
              variant="light"
              onClick={() => exporter.mutate({ format: "csv" })}
              loading={busy("csv")}
              disabled={exporter.isPending}
            >
              {t("billing.export")}
            </Button>
            <Button
              variant="light"
              onClick={() => exporter.mutate({ format: "xlsx" })}
              loading={busy("xlsx")}
              disabled={exporter.isPending}
            >
              {t("billing.exportXlsx")}
            </Button>
            <Button variant="default" onClick={() => setImporting(true)}>
              {t("billing.import")}
            </Button>
          </Group>
        }
      />
      {exporter.isSuccess && (
        <Alert color="teal" mb="sm">
          {t("billing.exported", { file: exporter.data })}
        </Alert>
      )}
      {exporter.isError && (
        <Alert color="orange" mb="sm">
          {errorMessage(t, exporter.error)}
        </Alert>
      )}
      <RunPeriod />
      <InvoiceFilters filters={filters} />
      {again.length > 0 && (
        <Group mb="sm" gap="xs">
          <Button
            size="xs"
            variant="default"
            onClick={() => exporter.mutate({ format: "csv", invoiceIds: again })}
            loading={busy("csv", again)}
            disabled={exporter.isPending}
          >
            {t("billing.exportAgain", { count: again.length })}
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => exporter.mutate({ format: "xlsx", invoiceIds: again })}
            loading={busy("xlsx", again)}
            disabled={exporter.isPending}
          >
            {t("billing.exportAgainXlsx", { count: again.length })}
          </Button>
        </Group>
      )}
      <QueryState query={invoices}>
        <InvoiceTable items={listed} />
      </QueryState>
      <ErpImport opened={importing} onClose={() => setImporting(false)} />
    </>
  );
}
