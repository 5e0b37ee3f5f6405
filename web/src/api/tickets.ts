import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  Candidate as CandidateSchema,
  ChargeBody,
  ChargeEditBody,
  MessageBody,
  Ticket,
  TicketCreateBody,
  TicketDetail,
  TicketListQuery,
  TicketPatchBody,
  TicketSummary,
  TicketSummaryList,
  TimeEntryBody,
  TimeEntryEditBody,
  TransitionBody,
} from "../contract";
import { api, isNotFound } from "./client";
import { takeReady } from "./prefetch";
import { refreshesBySelf, ticketListPath } from "./query";

export type { Ticket, TicketDetail, TicketSummary };

/** One page of a list, its tickets as rows (ticketListPath asks `view=summary`: TicketSummaryList). */
export type TicketPage = z.infer<typeof TicketSummaryList>;

export type TicketFilters = Omit<TicketListQuery, "cursor" | "view">;

export const ticketKeys = {
  all: ["tickets"] as const,
  list: (filters: TicketFilters) => ["tickets", "list", filters] as const,
  /** One page, not the paged lists' pages: a key of its own (the data has another shape). */
  firstPage: (filters: TicketFilters) => ["tickets", "first-page", filters] as const,
  detail: (id: string) => ["tickets", "detail", id] as const,
  candidates: (id: string) => ["tickets", "candidates", id] as const,
  /** Its billing rate and invoice (api/billing.ts's useTicketRate), outside "tickets": sales read it alone. */
  rate: (id: string) => ["ticket-rate", id] as const,
};

export function fetchTickets(filters: TicketFilters, cursor?: string): Promise<TicketPage> {
  return api<TicketPage>(ticketListPath(filters, cursor));
}

/** The list's first page if start-up already has it (boot.ts asks for the queue's): no loader first. */
function readyFirstPage(filters: TicketFilters) {
  const page = takeReady<TicketPage>(ticketListPath(filters));
  return page && { pages: [page], pageParams: [undefined] };
}

/**
 * A ticket list with "load more" paging; `live` refetches every 10 s. A search that went past a
 * partial page refreshes only when asked (refreshesBySelf).
 */
export function useTicketList(filters: TicketFilters, options: { live?: boolean; enabled?: boolean } = {}) {
  const bySelf = (query: { state: { data?: { pages: TicketPage[] } | undefined } }) =>
    refreshesBySelf(query.state.data?.pages);
  return useInfiniteQuery({
    queryKey: ticketKeys.list(filters),
    queryFn: ({ pageParam }) => fetchTickets(filters, pageParam),
    initialData: () => readyFirstPage(filters),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (query) => (options.live && bySelf(query) ? 10_000 : false),
    refetchOnWindowFocus: bySelf,
    // On (re)mounting the list too. Not seen to matter in Chromium (going back from a ticket refetched
    // nothing even without it), so untested: it only keeps a remount from re-walking partial pages.
    refetchOnMount: bySelf,
    refetchOnReconnect: bySelf,
    enabled: options.enabled ?? true,
  });
}

/** The first `limit` tickets of a list in the queue's order, without paging (a short list beside a form). */
export function useTicketFirstPage(filters: TicketFilters) {
  return useQuery({
    queryKey: ticketKeys.firstPage(filters),
    queryFn: () => fetchTickets(filters),
  });
}

export function useTicket(id: string) {
  return useQuery({
    queryKey: ticketKeys.detail(id),
    queryFn: () => api<TicketDetail>(`/api/tickets/${encodeURIComponent(id)}`),
    // A ticket that is not there (404) will not appear by asking every 15 s.
    refetchInterval: (query) => (isNotFound(query.state.error) ? false : 15_000),
  });
}

/** A ranked technician; `reasons` are codes with parameters and their text in the user's language. */
export type Candidate = z.infer<typeof CandidateSchema>;

export function useCandidates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ticketKeys.candidates(id),
    queryFn: () => api<{ items: Candidate[] }>(`/api/tickets/${encodeURIComponent(id)}/candidates`),
    enabled,
  });
}

function useTicketMutation<B, R>(id: string, path: string, method: "POST" | "PATCH" = "POST") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api<R>(`/api/tickets/${encodeURIComponent(id)}${path}`, { method, body }),
    // The ticket's rate answer names its invoice, which a close (an event's draft) or a billing
    // change makes or drops: read again with the ticket.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ticketKeys.all }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.rate(id) }),
      ]),
  });
}

export type TransitionInput = z.input<typeof TransitionBody>;

export function useTransition(id: string) {
  return useTicketMutation<TransitionInput, Ticket>(id, "/transitions");
}

export function usePatchTicket(id: string) {
  return useTicketMutation<z.input<typeof TicketPatchBody>, Ticket>(id, "", "PATCH");
}

export function useAddTimeEntry(id: string) {
  return useTicketMutation<z.input<typeof TimeEntryBody>, unknown>(id, "/time-entries");
}

export function useAddCharge(id: string) {
  return useTicketMutation<z.input<typeof ChargeBody>, unknown>(id, "/charges");
}

/** A correction of recorded work: `rowId` is the time entry's or charge's id, `version` the one seen. */
function useWorkCorrection<B>(id: string, kind: "time-entries" | "charges") {
  const queryClient = useQueryClient();
  const base = `/api/tickets/${encodeURIComponent(id)}/${kind}/`;
  return useMutation({
    mutationFn: ({ rowId, body }: { rowId: string; body: B }) =>
      api<unknown>(`${base}${encodeURIComponent(rowId)}`, { method: "PATCH", body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ticketKeys.all }),
  });
}

function useWorkRemoval(id: string, kind: "time-entries" | "charges") {
  const queryClient = useQueryClient();
  const base = `/api/tickets/${encodeURIComponent(id)}/${kind}/`;
  return useMutation({
    mutationFn: ({ rowId, version }: { rowId: string; version: number }) =>
      api<null>(`${base}${encodeURIComponent(rowId)}?version=${version}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ticketKeys.all }),
  });
}

export const useEditTimeEntry = (id: string) =>
  useWorkCorrection<z.input<typeof TimeEntryEditBody>>(id, "time-entries");
export const useDeleteTimeEntry = (id: string) => useWorkRemoval(id, "time-entries");
export const useEditCharge = (id: string) => useWorkCorrection<z.input<typeof ChargeEditBody>>(id, "charges");
export const useDeleteCharge = (id: string) => useWorkRemoval(id, "charges");

export function useAddMessage(id: string) {
  return useTicketMutation<z.input<typeof MessageBody>, unknown>(id, "/messages");
}

/** Reception links an unidentified mail sender's ticket to its client (and contact). */
export function useLinkSender(id: string) {
  return useTicketMutation<{ clientId: string; contactId?: string }, Ticket>(id, "/link-sender");
}

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TicketCreateBody) => api<Ticket>("/api/tickets", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.all }),
  });
}
