import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  BillingSettingsRecord as BillingSettingsSchema,
  DraftLineBody,
  HourBank as HourBankSchema,
  ImportResult as ImportResultSchema,
  Invoice,
  InvoiceDetail,
  InvoicesQuery,
  Rate as RateSchema,
  RunResult as RunResultSchema,
  TicketRate as TicketRateSchema,
} from "../contract";
import { ApiError, api, csrfHeader, withQuery } from "./client";
import { ticketKeys } from "./tickets";

export type { Invoice };
export type Rate = z.infer<typeof RateSchema>;
export type RunResult = z.infer<typeof RunResultSchema>;
export type ImportResult = z.infer<typeof ImportResultSchema>;
export type HourBank = z.infer<typeof HourBankSchema>;
export type TicketRate = z.infer<typeof TicketRateSchema>;
export type BillingSettings = z.infer<typeof BillingSettingsSchema>;
export type DraftLine = z.input<typeof DraftLineBody>;

/** The invoice list's filters, as the server's contract (InvoicesQuery) declares them. */
export type InvoiceFilter = z.input<typeof InvoicesQuery>;

export function useInvoices(filter: InvoiceFilter) {
  return useQuery({
    queryKey: ["invoices", filter],
    queryFn: ({ signal }) => api<{ items: Invoice[] }>(withQuery("/api/invoices", { ...filter }), { signal }),
  });
}

/** One invoice with the address issuing mails it to (`mailTo`); read only while `wanted`. */
export function useInvoiceDetail(id: string, wanted: boolean) {
  return useQuery({
    queryKey: ["invoices", "detail", id],
    queryFn: wanted
      ? ({ signal }) => api<InvoiceDetail>(`/api/invoices/${encodeURIComponent(id)}`, { signal })
      : skipToken,
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

/** Replaces a draft's lines (`PATCH /api/invoices/:id`); the server recomputes the amounts and totals. */
export const useEditDraft = () =>
  useInvalidating(({ id, ...body }: { id: string; lines: DraftLine[]; version: number }) =>
    api<Invoice>(`/api/invoices/${encodeURIComponent(id)}`, { method: "PATCH", body }),
  );

export const useImportErp = () =>
  useInvalidating((csv: string) =>
    api<ImportResult>("/api/billing/erp-import", { method: "POST", body: { csv } }),
  );

/**
 * Downloads the ERP export and saves it as a file: every issued invoice not yet exported (the server
 * marks them exported), or the given ones again (an exported batch Microsip lost).
 */
export async function downloadExport({
  format,
  invoiceIds,
}: {
  format: "csv" | "xlsx";
  invoiceIds?: string[];
}): Promise<string> {
  const res = await fetch("/api/billing/exports", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", ...csrfHeader() },
    body: JSON.stringify(invoiceIds ? { format, invoiceIds } : { format }),
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

/** The rate an event ticket is billed at and where it came from (Ventas, leaders and admins only). */
export function useTicketRate(ticketId: string) {
  return useQuery({
    queryKey: ticketKeys.rate(ticketId),
    queryFn: ({ signal }) => api<TicketRate>(`/api/tickets/${encodeURIComponent(ticketId)}/rate`, { signal }),
  });
}

/** Overrides one ticket's rate with a reason; its draft invoice and history follow. */
export function useOverrideTicketRate(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { hourlyRateCents: number; reason: string }) =>
      api<TicketRate>(`/api/tickets/${encodeURIComponent(ticketId)}/rate`, { method: "PUT", body }),
    onSuccess: (rate) => {
      queryClient.setQueryData(ticketKeys.rate(ticketId), rate);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ["invoices"] }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) }),
      ]);
    },
  });
}

const billingSettingsKey = ["settings", "billing"] as const;

/** The IVA rate, in basis points (1600 = 16 %), and the version it was read at. */
export function useBillingSettings() {
  return useQuery({
    queryKey: billingSettingsKey,
    queryFn: ({ signal }) => api<BillingSettings>("/api/billing/settings", { signal }),
  });
}

export function useSaveBillingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BillingSettings) =>
      api<BillingSettings>("/api/billing/settings", { method: "PUT", body }),
    onSuccess: (saved) => queryClient.setQueryData(billingSettingsKey, saved),
  });
}
