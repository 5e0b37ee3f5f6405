import {
  keepPreviousData,
  skipToken,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { z } from "zod";
import type {
  CallerMatch as CallerMatchSchema,
  Category as CategorySchema,
  Client,
  ClientBody,
  Contact,
  ContactBody,
  Contract,
  ContractBody,
  ContractType as ContractTypeSchema,
} from "../contract";
import { api, withQuery } from "./client";

export type { Client, Contact, Contract };

export type CallerMatch = z.infer<typeof CallerMatchSchema>;
export type ContractType = z.infer<typeof ContractTypeSchema>;
export type Category = z.infer<typeof CategorySchema>;

export function useCallerLookup(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ["lookup", term],
    queryFn: ({ signal }) =>
      api<{ items: CallerMatch[] }>(withQuery("/api/lookup/callers", { q: term }), { signal }),
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** One page of GET /api/clients (by name, then id); `nextCursor` reads the next one, null on the last. */
export interface ClientPage {
  items: Client[];
  nextCursor: string | null;
}

/** The clients page: 100 clients at a time, the next ones on «Cargar más». */
export function useClientPages(q: string) {
  return useInfiniteQuery({
    queryKey: ["clients", "pages", q],
    queryFn: ({ pageParam, signal }) =>
      api<ClientPage>(withQuery("/api/clients", { q, limit: 100, cursor: pageParam }), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** How many matches a client picker shows: enough to scroll, few enough to type a word more. */
const CLIENT_MATCHES = 50;

/** A picker's matches: the server searches every client (accents and case aside), 50 at most. */
export function useClientSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ["clients", "search", q],
    queryFn: ({ signal }) =>
      api<ClientPage>(withQuery("/api/clients", { q, limit: CLIENT_MATCHES }), { signal }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** One client by id (a picker's chosen client that is not among its matches). */
export function useClient(id: string | null, enabled = true) {
  return useQuery({
    queryKey: ["clients", "one", id],
    queryFn: id
      ? ({ signal }) => api<Client>(`/api/clients/${encodeURIComponent(id)}`, { signal })
      : skipToken,
    enabled,
    staleTime: 60_000,
  });
}

export function useContacts(clientId: string | null | undefined) {
  return useQuery({
    queryKey: ["contacts", clientId],
    queryFn: () => api<{ items: Contact[] }>(withQuery("/api/contacts", { clientId, limit: 200 })),
    enabled: !!clientId,
  });
}

/** An edit carries the version of the record it was based on (409 `conflict` when someone saved since). */
export interface Versioned {
  version?: number;
}

export function useCreateClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClientBody) => api<Client>("/api/clients", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["clients"] }),
  });
}

export function usePatchClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<ClientBody> & Versioned }) =>
      api<Client>(`/api/clients/${encodeURIComponent(id)}`, { method: "PATCH", body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["clients"] }),
        queryClient.invalidateQueries({ queryKey: ["audit", "client"] }),
      ]),
  });
}

export function useCreateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactBody) => api<Contact>("/api/contacts", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["contacts"] }),
  });
}

export function usePatchContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<Omit<ContactBody, "clientId">> & Versioned }) =>
      api<Contact>(`/api/contacts/${encodeURIComponent(id)}`, { method: "PATCH", body }),
    onSuccess: (_, { body }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["contacts"] }),
        // A contact whose e-mail is removed stops being its client's billing contact (server side).
        body.email === null && queryClient.invalidateQueries({ queryKey: ["clients"] }),
        // A new or cleared e-mail moves or disables the contact's portal account (server side).
        body.email !== undefined && queryClient.invalidateQueries({ queryKey: ["portal-users"] }),
      ]),
  });
}

export function useContracts(clientId?: string | null) {
  return useQuery({
    queryKey: ["contracts", clientId ?? "all"],
    queryFn: () => api<{ items: Contract[] }>(withQuery("/api/contracts", { clientId })),
  });
}

export function useSaveContract() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      body,
    }: {
      id?: string;
      body: Partial<ContractBody> & { cancelled?: boolean } & Versioned;
    }) =>
      id
        ? api<Contract>(`/api/contracts/${encodeURIComponent(id)}`, { method: "PATCH", body })
        : api<Contract>("/api/contracts", { method: "POST", body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["contracts"] }),
        queryClient.invalidateQueries({ queryKey: ["audit", "contract"] }),
      ]),
  });
}

export function useContractTypes() {
  return useQuery({
    queryKey: ["contract-types"],
    queryFn: () => api<{ items: ContractType[] }>("/api/contract-types"),
    staleTime: 60_000,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: ["categories"],
    queryFn: () => api<{ items: Category[] }>("/api/categories"),
    staleTime: 60_000,
  });
}

/** A category's name for its code (`soporte` → "Soporte general"); the code until the list loads. */
export function useCategoryName(): (code: string | null | undefined) => string {
  const categories = useCategories();
  return (code) => {
    if (!code) return "—";
    return categories.data?.items.find((c) => c.code === code)?.name ?? code;
  };
}
