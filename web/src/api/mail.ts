import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  MailAttachment,
  MailAttachmentList,
  OutboxList,
  OutboxMail,
  StaffAttachmentAnswer,
  StaffAttachmentBody,
} from "../../../src/contract/mail";
import { api, withQuery } from "./client";
import { ticketKeys } from "./tickets";

export type OutboxItem = z.infer<typeof OutboxMail>;
export type OutboxStatus = OutboxItem["status"];
export type Attachment = MailAttachment;
/** A file just attached, and where its mail to the client went. */
export type UploadedAttachment = z.infer<typeof StaffAttachmentAnswer>;

/** The outbox refreshes itself: mail moves on its own while the page is open. */
const REFRESH_MS = 10_000;

export function useOutbox(status?: OutboxStatus) {
  return useQuery({
    queryKey: ["admin-outbox", status ?? "all"],
    queryFn: () => api<z.infer<typeof OutboxList>>(withQuery("/api/admin/outbox", { status })),
    refetchInterval: REFRESH_MS,
  });
}

export function useRetryMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<OutboxItem>(`/api/admin/outbox/${encodeURIComponent(id)}/retry`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["admin-outbox"] }),
  });
}

export function useAttachments(ticketId: string) {
  return useQuery({
    queryKey: ["attachments", ticketId],
    queryFn: () =>
      api<z.infer<typeof MailAttachmentList>>(`/api/tickets/${encodeURIComponent(ticketId)}/attachments`),
  });
}

/** Staff attach a file; the list and the ticket (its history) are read again whatever the answer. */
export function useUploadAttachment(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffAttachmentBody) =>
      api<UploadedAttachment>(`/api/tickets/${encodeURIComponent(ticketId)}/attachments`, {
        method: "POST",
        body,
      }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["attachments", ticketId] }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) }),
      ]),
  });
}

export const attachmentUrl = (ticketId: string, id: string) =>
  `/api/tickets/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(id)}`;
