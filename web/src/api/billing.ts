import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  HourBank as HourBankSchema,
  ImportResult as ImportResultSchema,
  Invoice,
  InvoicesQuery,
  Rate as RateSchema,
  RunResult as RunResultSchema,
} from "../contract";
import { ApiError, api, csrfHeader, withQuery } from "./client";

export type { Invoice };
export type Rate = z.infer<typeof RateSchema>;
export type RunResult = z.infer<typeof RunResultSchema>;
export type ImportResult = z.infer<typeof ImportResultSchema>;
export type HourBank = z.infer<typeof HourBankSchema>;

/** The invoice list's filters, as the server's contract (InvoicesQuery) declares them. */
export type InvoiceFilter = z.input<typeof InvoicesQuery>;

export function useInvoices(filter: InvoiceFilter) {
  return useQuery({
    queryKey: ["invoices", filter],
    queryFn: ({ signal }) => api<{ items: Invoice[] }>(withQuery("/api/invoices", { ...filter }), { signal }),
  });
}

function useInvalidating<A, R>(fn: (a: A) => Promise<R>, keys: string[][] = [["invoices"]]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

export const useRunPeriod = () =>
  useInvalidating((period: string) =>
    api<RunResult>("/api/billing/runs", { method: "POST", body: { period } }),
  );

export type InvoiceAction = "issue" | "cancel" | "paid";
export const useInvoiceAction = () =>
  useInvalidating(({ id, action, body }: { id: string; action: InvoiceAction; body?: object }) =>
    api<Invoice>(`/api/invoices/${encodeURIComponent(id)}/${action}`, { method: "POST", body: body ?? {} }),
  );

export const useImportErp = () =>
  useInvalidating((csv: string) =>
    api<ImportResult>("/api/billing/erp-import", { method: "POST", body: { csv } }),
  );

/** Downloads the ERP export (the server marks the issued invoices exported) and saves it as a file. */
export async function downloadExport(format: "csv" | "xlsx"): Promise<string> {
  const res = await fetch("/api/billing/exports", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", ...csrfHeader() },
    body: JSON.stringify({ format }),
  });
  if (!res.ok) {
    const err = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(res.status, err?.error?.code ?? "error", err?.error?.message ?? res.statusText);
  }
  const blob = await res.blob();
  const name =
    /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") ?? "")?.[1] ?? `facturas.${format}`;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export const useExport = () => useInvalidating(downloadExport);

export function useRates() {
  return useQuery({
    queryKey: ["rates"],
    queryFn: ({ signal }) => api<{ items: Rate[] }>("/api/rates", { signal }),
  });
}

export const useCreateRate = () =>
  useInvalidating(
    (body: { category: string | null; mode: string | null; hourlyRateCents: number }) =>
      api<Rate>("/api/rates", { method: "POST", body }),
    [["rates"]],
  );

export const useUpdateRate = () =>
  useInvalidating(
    ({ id, hourlyRateCents, version }: { id: string; hourlyRateCents: number; version: number }) =>
      api<Rate>(`/api/rates/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body: { hourlyRateCents, version },
      }),
    [["rates"]],
  );

export const useDeleteRate = () =>
  useInvalidating(
    (id: string) => api<null>(`/api/rates/${encodeURIComponent(id)}`, { method: "DELETE" }),
    [["rates"]],
  );

export function useHourBank(contractId: string | null, month?: string) {
  return useQuery({
    queryKey: ["hour-bank", contractId, month],
    queryFn:
      contractId === null
        ? skipToken
        : ({ signal }) =>
            api<HourBank>(
              withQuery(`/api/contracts/${encodeURIComponent(contractId)}/hour-bank`, { month }),
              {
                signal,
              },
            ),
  });
}
