/** The service-level reports: response compliance, response time, attention and closing. */
import { Title } from "@mantine/core";
import type { ResolutionReport, ResponseReport, SlaReport } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime, formatMinutes } from "../../lib/format";
import { ReportChart } from "./Chart";
import { DataTable } from "./DataTable";
import { FolioLink } from "./FolioLink";

function useLabels() {
  const t = useT();
  return {
    t,
    kind: (k: string | null) =>
      k === null ? t("rep.total") : t(k === "contract" ? "kind.contract" : "kind.event"),
    urgent: (u: boolean | null) => (u === null ? "" : u ? t("rep.urgentYes") : t("rep.urgentNo")),
  };
}

const pct = (met: number, decided: number) =>
  decided === 0 ? "—" : `${Math.round((met * 1000) / decided) / 10} %`;

export function SlaView({ data }: { data: SlaReport }) {
  const { t, kind, urgent } = useLabels();
  return (
    <>
      <ReportChart
        label={t("rep.sla")}
        data={data.series}
        dataKey="period"
        stacked
        series={[
          { name: "met", label: t("rep.met"), color: "teal.6" },
          { name: "breached", label: t("rep.breachedCol"), color: "red.6" },
          { name: "pending", label: t("rep.pending"), color: "gray.5" },
        ]}
      />
      <DataTable
        rows={data.rows}
        columns={[
          { label: t("rep.kind"), value: (r) => kind(r.serviceKind) },
          { label: t("rep.urgent"), value: (r) => urgent(r.urgent) },
          { label: t("rep.total"), value: (r) => r.total, numeric: true },
          { label: t("rep.met"), value: (r) => r.met, numeric: true },
          { label: t("rep.breachedCol"), value: (r) => r.breached, numeric: true },
          { label: t("rep.pending"), value: (r) => r.pending, numeric: true },
          { label: t("rep.metPct"), value: (r) => pct(r.met, r.met + r.breached), numeric: true },
        ]}
      />
      <Title order={2} size="h4" mb="xs">
        {t("rep.breaches")}
      </Title>
      <DataTable
        testId="breaches-table"
        rows={data.breaches}
        columns={[
          { label: "Folio", value: (r) => <FolioLink id={r.id} folio={r.folio} /> },
          { label: t("rep.client"), value: (r) => r.clientName },
          { label: t("rep.kind"), value: (r) => `${kind(r.serviceKind)} ${urgent(r.urgent)}` },
          { label: t("dash.due"), value: (r) => formatDateTime(r.responseDueAt) },
          { label: t("rep.late"), value: (r) => formatMinutes(r.lateBusinessMinutes), numeric: true },
        ]}
      />
    </>
  );
}

export function ResponseView({ data }: { data: ResponseReport }) {
  const { t, kind, urgent } = useLabels();
  return (
    <>
      <ReportChart
        label={t("rep.response")}
        data={data.histogram.map((h) => ({
          bin: h.upTo === null ? t("rep.more") : t("rep.upTo", { minutes: h.upTo }),
          business: h.business,
          wall: h.wall,
        }))}
        dataKey="bin"
        series={[
          { name: "business", label: t("rep.business"), color: "blue.6" },
          { name: "wall", label: t("rep.wall"), color: "orange.5" },
        ]}
      />
      <DataTable
        rows={data.rows}
        columns={[
          { label: t("rep.kind"), value: (r) => kind(r.serviceKind) },
          { label: t("rep.urgent"), value: (r) => urgent(r.urgent) },
          { label: t("rep.count"), value: (r) => r.business.count, numeric: true },
          {
            label: `${t("rep.median")} ${t("rep.business")}`,
            value: (r) => r.business.median,
            numeric: true,
          },
          { label: `${t("rep.p90")} ${t("rep.business")}`, value: (r) => r.business.p90, numeric: true },
          { label: `${t("rep.median")} ${t("rep.wall")}`, value: (r) => r.wall.median, numeric: true },
          { label: `${t("rep.p90")} ${t("rep.wall")}`, value: (r) => r.wall.p90, numeric: true },
        ]}
      />
    </>
  );
}

export function ResolutionView({ data }: { data: ResolutionReport }) {
  const { t } = useLabels();
  const name = (r: ResolutionReport["rows"][number]) => r.categoryName ?? r.category ?? t("rep.noCategory");
  return (
    <>
      <ReportChart
        label={t("rep.resolution")}
        data={data.rows.map((r) => ({
          category: name(r),
          tickets: r.tickets,
          attended: r.attendedWithinEstimate,
          closed: r.closedWithinEstimate,
        }))}
        dataKey="category"
        series={[
          { name: "tickets", label: t("rep.tickets"), color: "gray.5" },
          { name: "attended", label: `${t("rep.attended")} ${t("rep.withinEstimate")}`, color: "blue.6" },
          { name: "closed", label: `${t("rep.closed")} ${t("rep.withinEstimate")}`, color: "teal.6" },
        ]}
      />
      <DataTable
        rows={data.rows}
        columns={[
          { label: t("rep.category"), value: name },
          { label: t("rep.estimate"), value: (r) => r.estimateMinutes, numeric: true },
          { label: t("rep.tickets"), value: (r) => r.tickets, numeric: true },
          {
            label: t("rep.attended"),
            value: (r) => `${r.attendedWithinEstimate} / ${r.attended}`,
            numeric: true,
          },
          { label: t("rep.median"), value: (r) => formatMinutes(r.attendedMedianMinutes), numeric: true },
          { label: t("rep.closed"), value: (r) => `${r.closedWithinEstimate} / ${r.closed}`, numeric: true },
          { label: t("rep.median"), value: (r) => formatMinutes(r.closedMedianMinutes), numeric: true },
        ]}
      />
    </>
  );
}
