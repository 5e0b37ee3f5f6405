import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Dashboard, ReportName } from "../contract";
import { api, withQuery } from "./client";

export type ReportParams = Record<string, string>;

export function useDashboard() {
  return useQuery({
    queryKey: ["reports", "dashboard"],
    queryFn: () => api<Dashboard>("/api/reports/dashboard"),
    refetchInterval: 60_000,
  });
}

export function useReport<T>(name: ReportName, params: ReportParams) {
  return useQuery({
    queryKey: ["reports", name, params],
    queryFn: () => api<T>(withQuery(`/api/reports/${name}`, params)),
    placeholderData: keepPreviousData,
  });
}

/** The CSV of the report as shown (same filters): a plain link, so the browser downloads it. */
export const csvUrl = (name: ReportName, params: ReportParams) =>
  withQuery(`/api/reports/${name}.csv`, params);
