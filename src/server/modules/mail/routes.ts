import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
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
} from "../../../contract/mail.js";
import type { Actor, AppContext } from "../../context.js";
import { requireRole, requireStaff } from "../../platform/authz.js";
import { AppError, notFound } from "../../platform/errors.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { withBaseVersion } from "../../platform/http/versioning.js";
import { tasksRepo } from "../../platform/tasks/repository.js";
import { ticketsRepo } from "../tickets/repository.js";
import { requireVisible } from "../tickets/ticket-view.js";
import { linkSender } from "./link.js";
import { scheduleSend } from "./outbox.js";
import { mailRepo, type OutboxRow } from "./repository.js";
import { mailSettingsRecord, saveMailSettings } from "./settings.js";

const toOutbox = (r: OutboxRow): z.infer<typeof OutboxMail> => ({
  id: r.id,
  kind: r.kind,
  ticketId: r.ticket_id,
  to: r.to_addr,
  subject: r.subject,
  status: r.status as "queued",
  attempts: r.attempts,
  lastError: r.last_error,
  messageId: r.message_id,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

/** An admin puts a failed mail back in line: the row is queued again and its send task revived. */
async function retryMail(ctx: AppContext, actor: Actor, id: string) {
  requireRole(actor);
  const row = await mailRepo.outboxById(ctx.db, id);
  if (!row) throw notFound("mail");
  if (row.status !== "failed") throw new AppError("invalid_transition", "mail.retry_only_failed");
  const now = ctx.clock().toISOString();
  await mailRepo.requeue(ctx.db, id, now);
  const task = await tasksRepo.byDedupeKey(ctx.db, "mail.send", `outbox:${id}`);
  if (task) await tasksRepo.retry(ctx.db, task.id, now);
  else await scheduleSend(ctx, ctx.db, id);
  return toOutbox((await mailRepo.outboxById(ctx.db, id))!);
}

async function visibleTicket(ctx: AppContext, actor: Actor, id: string) {
  return requireVisible(actor, await ticketsRepo.view(ctx.db, id));
}

export function mailRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/api/admin/outbox", {
    schema: { tags: ["admin"], querystring: OutboxQuery, response: { 200: OutboxList } },
    handler: async (req) => {
      requireRole(actorOf(req));
      const rows = await mailRepo.outboxList(ctx.db, req.query);
      return { configured: Boolean(ctx.config.smtpUrl), items: rows.map(toOutbox) };
    },
  });
  r.post("/api/admin/outbox/:id/retry", {
    schema: { tags: ["admin"], params: IdParams, response: { 200: OutboxMail } },
    handler: async (req) => retryMail(ctx, actorOf(req), req.params.id),
  });
  r.get("/api/settings/mail", {
    schema: { tags: ["settings"], response: { 200: MailSettingsRecord } },
    handler: async (req) => {
      requireStaff(actorOf(req));
      return mailSettingsRecord(ctx);
    },
  });
  r.put("/api/settings/mail", {
    schema: { tags: ["settings"], body: MailSettingsBody, response: { 200: MailSettingsRecord } },
    handler: async (req) => saveMailSettings(ctx, actorOf(req), withBaseVersion(req, req.body)),
  });
  r.post("/api/tickets/:id/link-sender", {
    schema: {
      tags: ["tickets"],
      params: IdParams,
      body: LinkSenderBody,
      response: { 200: TicketAnswer },
    },
    handler: async (req) => linkSender(ctx, actorOf(req), req.params.id, req.body),
  });
  r.get("/api/tickets/:id/attachments", {
    schema: { tags: ["tickets"], params: IdParams, response: { 200: MailAttachmentList } },
    handler: async (req) => {
      const ticket = await visibleTicket(ctx, actorOf(req), req.params.id);
      const rows = await mailRepo.attachments(ctx.db, ticket.id);
      return {
        items: rows.map((a) => ({
          id: a.id,
          filename: a.filename,
          contentType: a.content_type,
          size: a.size,
          createdAt: a.created_at,
        })),
      };
    },
  });
  r.get("/api/tickets/:id/attachments/:attId", {
    schema: { tags: ["tickets"], params: AttachmentParams },
    handler: async (req, reply) => {
      const ticket = await visibleTicket(ctx, actorOf(req), req.params.id);
      const att = await mailRepo.attachment(ctx.db, ticket.id, req.params.attId);
      if (!att) throw notFound("attachment");
      const file = path.join(ctx.config.dataDir, "attachments", att.path);
      if (!fs.existsSync(file)) throw notFound("attachment_file");
      return reply
        .type(att.content_type)
        .header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(att.filename)}`)
        .header("X-Content-Type-Options", "nosniff")
        .send(fs.createReadStream(file));
    },
  });
}
