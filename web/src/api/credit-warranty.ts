import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreditRequest, CreditStatus, RfcReviewItem } from "../../../src/contract/credit";
import type { Loan, Loaner, TicketWarranty, WarrantyCase } from "../../../src/contract/warranty";
import { api, withQuery } from "./client";

export type { CreditRequest, CreditStatus, Loan, Loaner, RfcReviewItem, TicketWarranty, WarrantyCase };

const enc = encodeURIComponent;

/** Credit requests, a client's credit standing and the RFC review list (server module credit/). */
export function useCreditRequests(status?: "pending" | "approved" | "rejected") {
  return useQuery({
    queryKey: ["credit-requests", status ?? "all"],
    queryFn: () => api<{ items: CreditRequest[] }>(withQuery("/api/credit-requests", { status })),
  });
}

export function useCreditStatus(clientId: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: ["credit-status", clientId],
    queryFn: clientId ? () => api<CreditStatus>(`/api/clients/${enc(clientId)}/credit`) : skipToken,
    enabled,
  });
}

function useInvalidateCredit() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["credit-requests"] }),
      queryClient.invalidateQueries({ queryKey: ["credit-status"] }),
      queryClient.invalidateQueries({ queryKey: ["clients"] }),
    ]);
}

export function useRequestCredit() {
  const onSuccess = useInvalidateCredit();
  return useMutation({
    mutationFn: (body: { clientId: string; creditDays: number; creditLimitCents: number; reason: string }) =>
      api<CreditRequest>("/api/credit-requests", { method: "POST", body }),
    onSuccess,
  });
}

export function useDecideCredit() {
  const onSuccess = useInvalidateCredit();
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: "approve" | "reject"; reason: string }) =>
      api<CreditRequest>(`/api/credit-requests/${enc(id)}/${decision}`, { method: "POST", body: { reason } }),
    onSuccess,
  });
}

export function useRfcReview() {
  return useQuery({
    queryKey: ["rfc-review"],
    queryFn: () => api<{ items: RfcReviewItem[] }>("/api/clients/rfc-review"),
  });
}

/** Warranty cases, loaners and loans (server module warranty/). */
export function useTicketWarranty(ticketId: string) {
  return useQuery({
    queryKey: ["warranty", ticketId],
    queryFn: () => api<TicketWarranty>(`/api/tickets/${enc(ticketId)}/warranty`),
  });
}

export function useSaveWarranty(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ create, body }: { create: boolean; body: Record<string, unknown> }) =>
      api<WarrantyCase>(`/api/tickets/${enc(ticketId)}/warranty`, {
        method: create ? "POST" : "PATCH",
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["warranty", ticketId] }),
  });
}

export function useLoaners() {
  return useQuery({ queryKey: ["loaners"], queryFn: () => api<{ items: Loaner[] }>("/api/loaners") });
}

export function useOverdueLoans() {
  return useQuery({
    queryKey: ["loans", "overdue"],
    queryFn: () => api<{ items: Loan[] }>("/api/loans/overdue"),
  });
}

export function useTicketLoans(ticketId: string) {
  return useQuery({
    queryKey: ["loans", "ticket", ticketId],
    queryFn: () => api<{ items: Loan[] }>(`/api/tickets/${enc(ticketId)}/loans`),
  });
}

function useInvalidateLoans() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["loaners"] }),
      queryClient.invalidateQueries({ queryKey: ["loans"] }),
    ]);
}

export function useAddLoaner() {
  const onSuccess = useInvalidateLoans();
  return useMutation({
    mutationFn: (body: { equipment: string; serial: string; notes?: string }) =>
      api<Loaner>("/api/loaners", { method: "POST", body }),
    onSuccess,
  });
}

export function useLend() {
  const onSuccess = useInvalidateLoans();
  return useMutation({
    mutationFn: ({ loanerId, ticketId, dueOn }: { loanerId: string; ticketId: string; dueOn: string }) =>
      api<Loan>(`/api/loaners/${enc(loanerId)}/lend`, { method: "POST", body: { ticketId, dueOn } }),
    onSuccess,
  });
}

export function useReturnLoaner() {
  const onSuccess = useInvalidateLoans();
  return useMutation({
    mutationFn: ({ loanerId, notes }: { loanerId: string; notes?: string }) =>
      api<Loan>(`/api/loaners/${enc(loanerId)}/return`, { method: "POST", body: notes ? { notes } : {} }),
    onSuccess,
  });
}

export function useWarrantySettings() {
  return useQuery({
    queryKey: ["settings", "warranty"],
    queryFn: () => api<{ warrantyExecutionFeeCents: number; version: number }>("/api/settings/warranty"),
  });
}

export function useSaveWarrantySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { warrantyExecutionFeeCents: number; version: number }) =>
      api<{ warrantyExecutionFeeCents: number; version: number }>("/api/settings/warranty", {
        method: "PUT",
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["settings", "warranty"] }),
  });
}
