import { Group, Select } from "@mantine/core";
import { useUsers } from "../../api/admin";
import { useCategories } from "../../api/clients";
import { ClientPicker } from "../../components/ClientPicker";
import { DateField } from "../../components/DateField";
import { type MessageKey, useT } from "../../i18n";
import { isIsoDay } from "../../lib/dayInput";
import type { Params } from "./useReportParams";

/** The label of each workload grouping (the contract's WorkloadBy values), in the order offered. */
export const WORKLOAD_BY_LABEL = {
  technician: "rep.byTechnician",
  category: "rep.byCategory",
  client: "rep.byClient",
  mode: "rep.byMode",
} as const satisfies Record<string, MessageKey>;

/** The filters of every report; each change rewrites the URL (so the page can be bookmarked). */
export function ReportFilters({
  name,
  params,
  onChange,
  technicianFilter,
  errors = {},
}: {
  name: string;
  params: Params;
  onChange: (next: Params) => void;
  technicianFilter: boolean;
  /** What the API would refuse of the range, said under its field before anything is requested. */
  errors?: { from?: string | undefined; to?: string | undefined };
}) {
  const t = useT();
  const categories = useCategories();
  const technicians = useUsers("technician");
  const set = (key: keyof Params) => (value: string | null) =>
    onChange({ ...params, [key]: value ?? undefined });
  const all = t("rep.all");
  return (
    <Group gap="sm" mb="md" align="flex-end" data-testid="report-filters">
      <DateField
        label={t("rep.from")}
        value={params.from ?? ""}
        onChange={(day) => isIsoDay(day) && set("from")(day)}
        error={errors.from}
      />
      <DateField
        label={t("rep.to")}
        value={params.to ?? ""}
        onChange={(day) => isIsoDay(day) && set("to")(day)}
        error={errors.to}
      />
      <ClientPicker
        label={t("rep.client")}
        placeholder={all}
        clearable
        value={params.clientId ?? null}
        onChange={set("clientId")}
      />
      <Select
        label={t("rep.kind")}
        placeholder={all}
        clearable
        value={params.kind ?? null}
        onChange={set("kind")}
        data={[
          { value: "contract", label: t("kind.contract") },
          { value: "event", label: t("kind.event") },
        ]}
      />
      <Select
        label={t("rep.urgent")}
        placeholder={all}
        clearable
        value={params.urgent ?? null}
        onChange={set("urgent")}
        data={[
          { value: "true", label: t("rep.urgentYes") },
          { value: "false", label: t("rep.urgentNo") },
        ]}
      />
      <Select
        label={t("rep.category")}
        placeholder={all}
        clearable
        value={params.category ?? null}
        onChange={set("category")}
        data={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
      />
      {technicianFilter && (
        <Select
          label={t("rep.technician")}
          placeholder={all}
          clearable
          value={params.technicianId ?? null}
          onChange={set("technicianId")}
          data={(technicians.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
      )}
      <Select
        label={t("rep.channel")}
        placeholder={all}
        clearable
        value={params.channel ?? null}
        onChange={set("channel")}
        data={(["phone", "email", "portal", "walk_in"] as const).map((c) => ({
          value: c,
          label: t(`channel.${c}`),
        }))}
      />
      {name === "sla" && (
        <Select
          label={t("rep.bucket")}
          value={params.bucket ?? "week"}
          onChange={set("bucket")}
          data={[
            { value: "week", label: t("rep.week") },
            { value: "month", label: t("rep.month") },
          ]}
        />
      )}
      {name === "workload" && (
        <Select
          label={t("rep.by")}
          value={params.by ?? "technician"}
          onChange={set("by")}
          data={Object.entries(WORKLOAD_BY_LABEL).map(([value, key]) => ({ value, label: t(key) }))}
        />
      )}
    </Group>
  );
}
