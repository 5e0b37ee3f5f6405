// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/FloatingIndicator.layer.css";
import "@mantine/core/styles/Combobox.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import "@mantine/core/styles/SegmentedControl.layer.css";
import "@mantine/core/styles/SimpleGrid.layer.css";
import "@mantine/core/styles/Table.layer.css";
import "@mantine/dates/styles.layer.css";
import { Alert, Button, SegmentedControl } from "@mantine/core";
import type { ReactNode } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { useMe } from "../../api/auth";
import { csvUrl, useReport } from "../../api/reports";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { REPORT_NAMES, type ReportName, ReportQueries } from "../../contract";
import { useT } from "../../i18n";
import { checkErrors } from "../../lib/form";
import { formatDate } from "../../lib/format";
import { hasRole } from "../../lib/roles";
import { ReportFilters } from "./ReportFilters";
import { paramsFor, useReportParams } from "./useReportParams";
import { ResolutionView, ResponseView, SlaView } from "./views-service";
import { HourBankView, SatisfactionView, UnbilledView, WorkloadView } from "./views-work";

// biome-ignore lint/suspicious/noExplicitAny: each view receives its own report's answer (paired by name)
const VIEWS: Record<ReportName, (p: { data: any }) => ReactNode> = {
  sla: SlaView,
  response: ResponseView,
  resolution: ResolutionView,
  workload: WorkloadView,
  "hour-bank": HourBankView,
  satisfaction: SatisfactionView,
  unbilled: UnbilledView,
};

/** Whether a report answered nothing for the range (then a message replaces the empty chart). */
function isEmpty(name: ReportName, data: Record<string, unknown>): boolean {
  if (name === "satisfaction") return (data.totals as { closed: number }).closed === 0;
  if (name === "unbilled")
    return (data.tickets as unknown[]).length === 0 && (data.charges as unknown[]).length === 0;
  return (data.rows as unknown[]).length === 0;
}

function ReportBody({ name, params }: { name: ReportName; params: Record<string, string> }) {
  const t = useT();
  const query = useReport<Record<string, unknown>>(name, params);
  const View = VIEWS[name];
  return (
    <QueryState query={query}>
      {query.data && isEmpty(name, query.data) ? (
        <Alert color="blue" data-testid="report-empty">
          {t("rep.empty")}
        </Alert>
      ) : (
        query.data && <View data={query.data} />
      )}
    </QueryState>
  );
}

export default function ReportsPage() {
  const t = useT();
  const navigate = useNavigate();
  const me = useMe();
  const leaderLike = hasRole(me.data?.roles, "leader", "senior", "admin");
  const requested = useParams().name as ReportName | undefined;
  const names = leaderLike ? REPORT_NAMES : (["workload"] as const);
  const name: ReportName =
    requested && (names as readonly string[]).includes(requested) ? requested : names[0];
  const [params, setParams] = useReportParams();
  const query = paramsFor(name, params);
  const search = new URLSearchParams(paramsFor("", params)).toString();
  // A range the API refuses («Hasta» before «Desde», longer than it takes) is said under its field
  // as the contract words it, and not requested (it was a failed load with «Reintentar»).
  const check = ReportQueries[name].safeParse(query);
  const issues = check.success ? {} : checkErrors(t, check.error.issues, query);
  const rangeErrors = { from: issues.from, to: issues.to };
  const rangeOk = !rangeErrors.from && !rangeErrors.to;
  return (
    <>
      <PageHeader
        title={t("rep.title")}
        subtitle={t("rep.subtitle", { from: formatDate(params.from), to: formatDate(params.to) })}
        actions={
          <>
            <Button
              component="a"
              href={csvUrl(name, query)}
              variant="light"
              disabled={!rangeOk}
              data-testid="report-csv"
            >
              {t("rep.csv")}
            </Button>
            <Button
              component="a"
              href={csvUrl(name, query).replace(".csv", ".xlsx")}
              variant="light"
              disabled={!rangeOk}
            >
              {t("rep.xlsx")}
            </Button>
          </>
        }
      />
      {!leaderLike && <Alert mb="md">{t("rep.technicianOnly")}</Alert>}
      <SegmentedControl
        mb="md"
        fullWidth
        orientation={typeof window !== "undefined" && window.innerWidth < 700 ? "vertical" : "horizontal"}
        value={name}
        onChange={(v) => navigate(`/reports/${v}${search ? `?${search}` : ""}`)}
        data={names.map((n) => ({ value: n, label: t(`rep.${n}`) }))}
        data-testid="report-tabs"
      />
      <ReportFilters
        name={name}
        params={params}
        onChange={setParams}
        technicianFilter={leaderLike}
        errors={rangeErrors}
      />
      {rangeOk && <ReportBody name={name} params={query} />}
    </>
  );
}
