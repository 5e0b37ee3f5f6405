/** The work and money reports: workload, hour bank, satisfaction, not yet billed. */
import { Alert, Text, Title } from "@mantine/core";
import { FigureCards } from "../../components/FigureCards";
import type { HourBankReport, SatisfactionReport, UnbilledReport, WorkloadReport } from "../../contract";
import { useI18n, useT } from "../../i18n";
import { formatDateTime, formatMinutes, formatMoney } from "../../lib/format";
import { hoursAxis } from "../../lib/hoursAxis";
import { axisLabel, ReportChart } from "./Chart";
import { DataTable } from "./DataTable";
import { FolioLink } from "./FolioLink";
import { WORKLOAD_BY_LABEL } from "./ReportFilters";

const hours = (m: number | null) => (m === null ? null : Math.round(m / 6) / 10);

export function WorkloadView({ data }: { data: WorkloadReport }) {
  const t = useT();
  const label = (r: WorkloadReport["rows"][number]) =>
    data.by === "mode" ? t(`mode.${r.key}` as "mode.onsite") : (r.label ?? r.key ?? t("rep.unassignedRow"));
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        {t(data.by === "mode" ? "rep.workloadModeNote" : "rep.workloadTicketsNote")}
      </Text>
      <ReportChart
        label={t("rep.workload")}
        data={data.rows.map((r) => ({
          name: label(r),
          tickets: r.tickets,
          // The time worked: billable minutes are 0 until each ticket is reviewed, so a week's work
          // plotted by them read as none.
          hours: hours(r.rawMinutes),
        }))}
        dataKey="name"
        series={[
          { name: "tickets", label: t("rep.tickets"), color: "blue.6" },
          { name: "hours", label: t("rep.loggedHours"), color: "teal.6" },
        ]}
      />
      <DataTable
        rows={data.rows}
        columns={[
          {
            label: t(WORKLOAD_BY_LABEL[data.by]),
            value: label,
          },
          { label: t("rep.tickets"), value: (r) => r.tickets, numeric: true },
          { label: t("rep.rawMinutes"), value: (r) => formatMinutes(r.rawMinutes), numeric: true },
          { label: t("rep.billableMinutes"), value: (r) => formatMinutes(r.billableMinutes), numeric: true },
        ]}
      />
    </>
  );
}

/** A bank of hours is plotted in hours: in minutes its axis read 0, 150 … 600, with no unit on it. */
function hourBankBars(rows: HourBankReport["rows"]) {
  return rows.map((r) => ({
    name: `${r.clientName} ${axisLabel(r.month)}`,
    included: r.includedMinutes === null ? null : r.includedMinutes / 60,
    used: r.usedMinutes / 60,
  }));
}

export function HourBankView({ data }: { data: HourBankReport }) {
  const { t, locale } = useI18n();
  const bars = hourBankBars(data.rows);
  const values = bars.flatMap((b) => [b.included, b.used]);
  return (
    <>
      <ReportChart
        label={t("rep.hour-bank")}
        data={bars}
        dataKey="name"
        series={[
          { name: "included", label: t("rep.includedHours"), color: "gray.5" },
          { name: "used", label: t("rep.usedHours"), color: "blue.6" },
        ]}
        hours={hoursAxis(values, locale, t("rep.hoursAxis"))}
      />
      <DataTable
        rows={data.rows}
        columns={[
          { label: t("rep.client"), value: (r) => r.clientName },
          { label: t("rep.contract"), value: (r) => r.contractType },
          { label: t("rep.monthCol"), value: (r) => r.month },
          { label: t("rep.included"), value: (r) => r.includedMinutes, numeric: true },
          { label: t("rep.used"), value: (r) => r.usedMinutes, numeric: true },
          { label: t("rep.over"), value: (r) => r.overMinutes, numeric: true },
          { label: t("rep.tickets"), value: (r) => r.tickets, numeric: true },
        ]}
      />
    </>
  );
}

type SatRow = SatisfactionReport["totals"];

export function SatisfactionView({ data }: { data: SatisfactionReport }) {
  const t = useT();
  const columns = (first: string) => [
    { label: first, value: (r: SatRow) => r.label ?? t("rep.unassignedRow") },
    { label: t("rep.closed"), value: (r: SatRow) => r.closed, numeric: true },
    { label: t("rep.answered"), value: (r: SatRow) => r.answered, numeric: true },
    { label: t("rep.responseRate"), value: (r: SatRow) => r.responseRatePct, numeric: true },
    { label: t("rep.overall"), value: (r: SatRow) => r.overall, numeric: true },
  ];
  return (
    <>
      <ReportChart
        label={t("rep.satisfaction")}
        data={data.trend}
        dataKey="period"
        series={[
          { name: "closed", label: t("rep.closed"), color: "gray.5" },
          { name: "answered", label: t("rep.answered"), color: "blue.6" },
          { name: "overall", label: t("rep.overall"), color: "teal.6" },
        ]}
      />
      <DataTable rows={[{ ...data.totals, label: t("rep.total") }]} columns={columns(t("rep.total"))} />
      <DataTable rows={data.byTechnician} columns={columns(t("rep.technician"))} />
      <DataTable rows={data.byClient} columns={columns(t("rep.client"))} />
    </>
  );
}

/**
 * What is waiting to be billed, at a glance: the time (priced by the rates when its invoice is made)
 * and the charges, already in pesos.
 */
function UnbilledTotals({ totals }: { totals: UnbilledReport["totals"] }) {
  const figures = [
    ["rep.unbilledTickets", String(totals.tickets)],
    ["rep.billableMinutes", formatMinutes(totals.billableMinutes)],
    ["rep.unbilledCharges", `${totals.charges} · ${formatMoney(totals.chargesCents)}`],
  ] as const;
  return <FigureCards figures={figures} cols={{ base: 1, xs: 3 }} testId="unbilled-totals" />;
}

export function UnbilledView({ data }: { data: UnbilledReport }) {
  const t = useT();
  return (
    <>
      <Alert color="gray" mb="md">
        {t("rep.noInvoiceNote")}
      </Alert>
      <UnbilledTotals totals={data.totals} />
      <ReportChart
        label={t("rep.unbilled")}
        // Hours only: pesos on the same axis as hours made one or the other unreadable; the
        // charges are in the tables below, in pesos.
        data={data.tickets.map((r) => ({ folio: r.folio, hours: hours(r.billableMinutes) }))}
        dataKey="folio"
        series={[{ name: "hours", label: t("rep.billableHours"), color: "blue.6" }]}
      />
      <DataTable
        rows={data.tickets}
        columns={[
          { label: "Folio", value: (r) => <FolioLink id={r.id} folio={r.folio} /> },
          { label: t("rep.client"), value: (r) => r.clientName },
          { label: t("rep.closedOn"), value: (r) => formatDateTime(r.closedAt) },
          { label: t("rep.billableMinutes"), value: (r) => formatMinutes(r.billableMinutes), numeric: true },
          // All the ticket's charges, billed or not: those still to bill are also in the table below.
          { label: t("rep.ticketCharges"), value: (r) => formatMoney(r.chargesCents), numeric: true },
        ]}
      />
      <Title order={2} size="h4" mb="xs">
        {t("rep.unbilledCharges")}
      </Title>
      <DataTable
        rows={data.charges}
        columns={[
          { label: "Folio", value: (r) => r.folio },
          { label: t("rep.client"), value: (r) => r.clientName },
          { label: t("rep.chargedOn"), value: (r) => formatDateTime(r.createdAt) },
          { label: t("common.name"), value: (r) => r.description },
          { label: t("rep.amount"), value: (r) => formatMoney(r.amountCents), numeric: true },
        ]}
      />
    </>
  );
}
