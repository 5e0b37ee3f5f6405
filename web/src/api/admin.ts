import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  ClosedDay as ClosedDaySchema,
  SurveyAttempt as SurveyAttemptSchema,
  SurveyQueueItem as SurveyQueueItemSchema,
  SurveyQueue as SurveyQueueSchema,
  Survey as SurveySchema,
  User,
  UserBody,
} from "../contract";
import { api, withQuery } from "./client";
import type { Category, ContractType } from "./clients";

export type { User };

export function useUsers(role?: string) {
  return useQuery({
    queryKey: ["users", role ?? "all"],
    queryFn: () => api<{ items: User[] }>(withQuery("/api/users", { role })),
  });
}

export function useSaveUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      body,
    }: {
      id?: string;
      /** A PATCH names the version the form was filled from (409 with the current account if stale). */
      body: Partial<UserBody> & { active?: boolean; version?: number };
    }) =>
      id
        ? api<User>(`/api/users/${encodeURIComponent(id)}`, { method: "PATCH", body })
        : api<User>("/api/users", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["users"] }),
  });
}

export function useSaveCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, ...body }: Category) =>
      api<Category>(`/api/categories/${encodeURIComponent(code)}`, { method: "PUT", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["categories"] }),
  });
}

export function useSaveContractType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Pick<ContractType, "code" | "name" | "active">) =>
      api<ContractType>("/api/contract-types", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["contract-types"] }),
  });
}

/** Which categories a contract type covers («all» or codes), based on the version the editor read. */
export function useSaveContractTypeCoverage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, coverage, version }: Pick<ContractType, "code" | "coverage" | "version">) =>
      api<ContractType>(`/api/contract-types/${encodeURIComponent(code)}/coverage`, {
        method: "PUT",
        body: { coverage, version },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["contract-types"] }),
  });
}

/** A settings document (calendar, SLA): GET and PUT the whole object. */
export function useSettings<T>(name: "calendar" | "sla") {
  return useQuery({ queryKey: ["settings", name], queryFn: () => api<T>(`/api/settings/${name}`) });
}

export function useSaveSettings<T>(name: "calendar" | "sla" | "backup") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => api<T>(`/api/settings/${name}`, { method: "PUT", body }),
    onSuccess: (data) => {
      queryClient.setQueryData(["settings", name], data);
      // A calendar change moves closed days; a backup folder change changes the list of backups.
      return queryClient.invalidateQueries({ queryKey: [name === "backup" ? "backups" : "closed-days"] });
    },
  });
}

export type ClosedDay = z.infer<typeof ClosedDaySchema>;

export function useClosedDays(year: number, month: number) {
  return useQuery({
    queryKey: ["closed-days", year, month],
    queryFn: () => api<{ items: ClosedDay[] }>(withQuery("/api/calendar/closed-days", { year, month })),
  });
}

/** One page of GET /api/surveys/queue (oldest closing first); `nextCursor` null on the last. */
type SurveyQueuePage = z.infer<typeof SurveyQueueSchema>;

/** The survey queue, 100 tickets at a time (the next ones on «Cargar más»), kept fresh every 30 s. */
export function useSurveyQueue() {
  return useInfiniteQuery({
    queryKey: ["surveys", "queue"],
    queryFn: ({ pageParam, signal }) =>
      api<SurveyQueuePage>(withQuery("/api/surveys/queue", { limit: 100, cursor: pageParam }), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 30_000,
  });
}

/** A closed ticket awaiting its survey: its call attempts and the survey link last mailed. */
export type SurveyQueueItem = z.infer<typeof SurveyQueueItemSchema>;
export type SurveyAttempt = z.infer<typeof SurveyAttemptSchema>;
export type SurveyRecord = z.infer<typeof SurveySchema>;

/** The survey recorded for a ticket (or null) and the unanswered call attempts. */
export function useTicketSurvey(ticketId: string, enabled: boolean) {
  return useQuery({
    queryKey: ["surveys", "ticket", ticketId],
    queryFn: () =>
      api<{ survey: SurveyRecord | null; attempts: SurveyAttempt[] }>(
        `/api/tickets/${encodeURIComponent(ticketId)}/survey`,
      ),
    enabled,
  });
}

export function useSurveyMutations(ticketId: string) {
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: ["surveys"] });
  const record = useMutation({
    mutationFn: (body: { overall: number; technician: number; timeliness: number; comments?: string }) =>
      api<unknown>(`/api/tickets/${encodeURIComponent(ticketId)}/survey`, { method: "POST", body }),
    onSuccess: done,
  });
  const attempt = useMutation({
    mutationFn: (body: { note?: string }) =>
      api<unknown>(`/api/tickets/${encodeURIComponent(ticketId)}/survey-attempts`, { method: "POST", body }),
    onSuccess: done,
  });
  // The survey by mail: a portal link the contact answers; the ticket stays in the queue until then,
  // its row saying when and to whom the link went.
  const sendLink = useMutation({
    mutationFn: () =>
      api<{ sentTo: string }>(`/api/tickets/${encodeURIComponent(ticketId)}/survey-link`, { method: "POST" }),
    onSuccess: done,
  });
  return { record, attempt, sendLink };
}
