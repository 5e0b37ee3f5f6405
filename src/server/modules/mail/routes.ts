import type { z } from "zod";
import { TicketAnswer } from "../../../contract/client-facing.js";
import { IdParams } from "../../../contract/common.js";
import {
  AttachmentParams,
  LinkSenderBody,
  MailAttachmentList,
  MailSettingsBody,
  MailSettingsRecord,
  OutboxList,
  OutboxMail,
  OutboxQuery,
  StaffAttachmentAnswer,
  StaffAttachmentBody,
} from "../../../contract/mail.js";
import type { Actor, AppContext } from "../../context.js";
import { isStaff } from "../../platform/authz.js";
import { AppError, notFound, orNotFound } from "../../platform/errors.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import { withBaseVersion } from "../../platform/http/versioning.js";
import { tasksRepo } from "../../platform/tasks/repository.js";
import { assertMayReadSettings } from "../settings/policy.js";
import { requireVisible } from "../tickets/policy.js";
import { ticketsRepo } from "../tickets/repository.js";
import { linkSender } from "./link.js";
import { scheduleSend } from "./outbox.js";
import { assertMayManageOutbox } from "./policy.js";
import { type ListedOutboxRow, mailRepo } from "./repository.js";
import { mailSettingsRecord, saveMailSettings } from "./settings.js";
import { uploadStaffAttachment } from "./staff-attachments.js";
import { sendStoredFile, storedFile, toAttachment } from "./uploads.js";

/** A 25 MB file as base64 in JSON, with room for the file name (as the portal's upload). */
const ATTACHMENT_BODY_LIMIT = 36 * 1024 * 1024;

const toOutbox = (r: ListedOutboxRow): z.infer<typeof OutboxMail> => ({
  id: r.id,
  kind: r.kind,
  ticketId: r.ticket_id,
  to: r.to_addr,
  subject: r.subject,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  messageId: r.message_id,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

/** An admin puts a failed mail back in line: the row is queued again and its send task revived. */
async function retryMail(ctx: AppContext, actor: Actor, id: string) {
  assertMayManageOutbox(actor);
  const row = await mailRepo.outboxById(ctx.db, id);
  if (!row) throw notFound("mail");
  if (row.status !== "failed") throw new AppError("invalid_transition", "mail.retry_only_failed");
  const now = ctx.clock().toISOString();
  await mailRepo.requeue(ctx.db, id, now);
  const task = await tasksRepo.byDedupeKey(ctx.db, "mail.send", `outbox:${id}`);
  if (task) await tasksRepo.retry(ctx.db, task.id, now);
  else await scheduleSend(ctx, ctx.db, id);
  return toOutbox(orNotFound(await mailRepo.outboxById(ctx.db, id), "mail"));
}

async function visibleTicket(ctx: AppContext, actor: Actor, id: string) {
  return requireVisible(actor, await ticketsRepo.view(ctx.db, id));
}

/** The outbox (admin), mail settings, and a ticket's mail: its attachments and linking an unknown sender. */
export const mailRoutes = featureRoutes({
  "/admin/outbox": outboxGroup,
  "/settings/mail": settingsGroup,
  "/tickets/:id": ticketGroup,
});

function outboxGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: { tags: ["admin"], querystring: OutboxQuery, response: { 200: OutboxList } },
    handler: async (req) => {
      assertMayManageOutbox(actorOf(req));
      const rows = await mailRepo.outboxList(ctx.db, req.query);
      return { configured: Boolean(ctx.config.smtpUrl), items: rows.map(toOutbox) };
    },
  });
  r.post("/:id/retry", {
    schema: { tags: ["admin"], params: IdParams, response: { 200: OutboxMail } },
    handler: async (req) => retryMail(ctx, actorOf(req), req.params.id),
  });
}

function settingsGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: { tags: ["settings"], response: { 200: MailSettingsRecord } },
    handler: async (req) => {
      assertMayReadSettings(actorOf(req));
      return mailSettingsRecord(ctx);
    },
  });
  r.put("", {
    schema: { tags: ["settings"], body: MailSettingsBody, response: { 200: MailSettingsRecord } },
    handler: async (req) => saveMailSettings(ctx, actorOf(req), withBaseVersion(req, req.body)),
  });
}

function ticketGroup(r: Routes, ctx: AppContext): void {
  r.post("/link-sender", {
    schema: {
      tags: ["tickets"],
      params: IdParams,
      body: LinkSenderBody,
      response: { 200: TicketAnswer },
    },
    handler: async (req) => linkSender(ctx, actorOf(req), req.params.id, req.body),
  });
  r.get("/attachments", {
    schema: { tags: ["tickets"], params: IdParams, response: { 200: MailAttachmentList } },
    handler: async (req) => {
      const actor = actorOf(req);
      const ticket = await visibleTicket(ctx, actor, req.params.id);
      // A client-role user (API) reads the ticket as the portal does: never a file staff keep internal.
      const rows = await mailRepo.attachments(ctx.db, ticket.id, { clientOnly: !isStaff(actor) });
      return { items: rows.map((a) => toAttachment(a, a.uploaded_by_name)) };
    },
  });
  r.post("/attachments", {
    bodyLimit: ATTACHMENT_BODY_LIMIT,
    schema: {
      tags: ["tickets"],
      params: IdParams,
      body: StaffAttachmentBody,
      response: { 201: StaffAttachmentAnswer },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await uploadStaffAttachment(ctx, actorOf(req), req.params.id, req.body)),
  });
  r.get("/attachments/:attId", {
    schema: { tags: ["tickets"], params: AttachmentParams },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const ticket = await visibleTicket(ctx, actor, req.params.id);
      return sendStoredFile(
        reply,
        await storedFile(ctx, ticket.id, req.params.attId, { clientOnly: !isStaff(actor) }),
      );
    },
  });
}
