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

/**
 * One report's answer. While new filters load, the previous answer stays on screen, but only the same
 * report's: each report has its own shape, so another tab's answer is never handed to this one's view.
 */
export function useReport<T>(name: ReportName, params: ReportParams) {
  return useQuery({
    queryKey: reportKey(name, params),
    queryFn: () => api<T>(withQuery(`/api/reports/${name}`, params)),
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === name ? keepPreviousData(previous) : undefined,
  });
}

export const reportKey = (name: ReportName, params: ReportParams) => ["reports", name, params] as const;

/** The CSV of the report as shown (same filters): a plain link, so the browser downloads it. */
export const csvUrl = (name: ReportName, params: ReportParams) =>
  withQuery(`/api/reports/${name}.csv`, params);
