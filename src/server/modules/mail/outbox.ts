import type { Kysely, Transaction } from "kysely";
import type { Transporter } from "nodemailer";
import { z } from "zod";
import type { OutboxKind } from "../../../contract/mail.js";
import type { AppContext } from "../../context.js";
import { jsonColumn } from "../../platform/database/json-column.js";
import type { DB } from "../../platform/database/schema.js";
import { newId } from "../../platform/ids.js";
import { errorText } from "../../platform/jobs/runner.js";
import { lazy } from "../../platform/lazy-modules.js";
import { enqueue, taskRow } from "../../platform/tasks/queue.js";
import { defineTask, PermanentTaskError } from "../../platform/tasks/registry.js";
import type { TaskRow } from "../../platform/tasks/repository.js";
import { attachmentPath } from "./attachments.js";
import { headerSafe, newMessageId } from "./headers.js";
import { mailRepo, type OutboxRow, type SentInstead } from "./repository.js";
import { mailSettings } from "./settings.js";
import { smallerVersionAfter } from "./too-large.js";

declare module "../../platform/tasks/registry.js" {
  interface TaskPayloads {
    "mail.send": { outboxId: string };
  }
}

/**
 * A file sent with a mail: its bytes, kept in the outbox row so a retry sends the same ones (a
 * generated PDF), or `storedFile`, a ticket's attachment already kept under MESA_DATA_DIR/attachments
 * (never changed once written), read when the mail goes, so the database does not hold it twice.
 */
export type MailAttachment =
  | { filename: string; contentType: string; content: Buffer }
  | { filename: string; contentType: string; storedFile: string };

export interface OutgoingMail {
  kind: OutboxKind;
  ticketId: string | null;
  to: string;
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  inReplyTo?: string | null;
  references?: string[];
  /** RFC 3834: marks what Mesa sends on its own, so other robots do not answer it. */
  autoSubmitted?: "auto-replied" | "auto-generated";
  attachments?: MailAttachment[];
}

/** What queueMail writes in the `headers`, `cc` and `attachments` columns, read back through these. */
const StoredHeaders = z.object({
  messageId: z.string(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  extra: z.record(z.string(), z.string()),
});
type StoredHeaders = z.infer<typeof StoredHeaders>;
const StoredCc = z.array(z.string());
const StoredAttachments = z.array(
  z.union([
    z.object({ filename: z.string(), contentType: z.string(), base64: z.string() }),
    z.object({ filename: z.string(), contentType: z.string(), storedFile: z.string() }),
  ]),
);

/** A sender holds the row this long; past it, a retry may take it again (the sender is presumed dead). */
const SEND_LEASE_MS = 2 * 60_000;
/**
 * A slow mail server can keep one send going past the lease (a big attachment on a slow link): the
 * sender renews its lease this often while it waits, so no other worker sends the same mail again.
 * Settable for the tests, which cannot wait half a minute.
 */
export const outboxTiming = { renewMs: 30_000 };

/**
 * Writes a mail to the outbox in the caller's transaction, so it exists exactly when the change that
 * caused it does. Every header value is stripped of line breaks here, once, whatever its origin.
 */
export async function queueMail(ctx: AppContext, trx: Transaction<DB> | Kysely<DB>, mail: OutgoingMail) {
  const row = outboxRow(ctx, mail);
  await mailRepo.queue(trx, row);
  await scheduleSend(ctx, trx, row.id);
  return row;
}

/**
 * What `queueMail` writes (no I/O): the outbox row and its send task (see scheduleSend), for a caller
 * that writes them in a statement of its own (a new ticket's auto-reply, tickets/new-ticket-repository.ts).
 */
export function queuedMail(ctx: AppContext, mail: OutgoingMail): { outbox: OutboxRow; task: TaskRow | null } {
  const outbox = outboxRow(ctx, mail);
  return { outbox, task: ctx.config.smtpUrl ? taskRow(sendTask(outbox.id), ctx.clock()) : null };
}

function outboxRow(ctx: AppContext, mail: OutgoingMail): OutboxRow {
  const now = ctx.clock().toISOString();
  const headers: StoredHeaders = {
    messageId: newMessageId(ctx.config.mailFrom),
    inReplyTo: mail.inReplyTo ? headerSafe(mail.inReplyTo) : null,
    references: (mail.references ?? []).map(headerSafe).filter(Boolean).slice(-20),
    extra: mail.autoSubmitted ? { "Auto-Submitted": mail.autoSubmitted } : {},
  };
  return {
    id: newId(),
    kind: mail.kind,
    ticket_id: mail.ticketId,
    to_addr: headerSafe(mail.to).toLowerCase(),
    cc: JSON.stringify((mail.cc ?? []).map(headerSafe)),
    subject: headerSafe(mail.subject).slice(0, 300),
    text_body: mail.text,
    html_body: mail.html,
    headers: JSON.stringify(headers),
    message_id: headers.messageId,
    status: "queued",
    attempts: 0,
    last_error: null,
    locked_until: null,
    created_at: now,
    updated_at: now,
    sent_at: null,
    attachments: mail.attachments?.length
      ? JSON.stringify(
          mail.attachments.map((a) => ({
            filename: headerSafe(a.filename),
            contentType: a.contentType,
            ...("content" in a ? { base64: a.content.toString("base64") } : { storedFile: a.storedFile }),
          })),
        )
      : null,
  };
}

const sendTask = (outboxId: string) =>
  ({ kind: "mail.send", payload: { outboxId }, dedupeKey: `outbox:${outboxId}` }) as const;

/**
 * Without MESA_SMTP_URL no send task is made (a task could only fail and use up its tries): the row
 * waits `queued`, and the instance that starts with the setting enqueues every waiting row.
 */
export async function scheduleSend(ctx: AppContext, db: Transaction<DB> | Kysely<DB>, outboxId: string) {
  if (!ctx.config.smtpUrl) return;
  await enqueue(db, sendTask(outboxId), ctx.clock());
}

/** At start: a send task for every queued row that has none (the dedupe key makes a repeat harmless). */
export async function enqueueWaitingMail(ctx: AppContext): Promise<number> {
  if (!ctx.config.smtpUrl) return 0;
  const ids = await mailRepo.queuedIds(ctx.db);
  for (const id of ids) await scheduleSend(ctx, ctx.db, id);
  return ids.length;
}

const transports = new Map<string, Transporter>();
async function transportFor(url: string): Promise<Transporter> {
  let t = transports.get(url);
  if (!t) {
    const nodemailer = await lazy.nodemailer();
    t = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: 5,
      connectionTimeout: 10_000,
      // A server that stops answering is given up on (and the mail retried) instead of holding a
      // pooled connection for nodemailer's default ten minutes.
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    } as never);
    transports.set(url, t);
  }
  return t;
}

export function closeTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}

async function fromAddress(ctx: AppContext) {
  const { companyName } = await mailSettings(ctx);
  return { name: headerSafe(companyName), address: ctx.config.mailFrom };
}

/** The ticket's stored files a row names (not the bytes it keeps itself). */
export function storedFilesOf(json: string | null): string[] {
  if (!json) return [];
  return jsonColumn(StoredAttachments, json, "outbox.attachments").flatMap((a) =>
    "storedFile" in a ? [a.storedFile] : [],
  );
}

/** The row's files for nodemailer: bytes kept in the row, or a ticket's stored file, streamed from disk. */
function storedAttachments(json: string | null, dataDir: string) {
  if (!json) return [];
  const list = jsonColumn(StoredAttachments, json, "outbox.attachments");
  return list.map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    ...("base64" in a
      ? { content: Buffer.from(a.base64, "base64") }
      : { path: attachmentPath(dataDir, a.storedFile) }),
  }));
}

function renewWhileSending(ctx: AppContext, outboxId: string): NodeJS.Timeout {
  const timer = setInterval(() => {
    const until = new Date(ctx.clock().getTime() + SEND_LEASE_MS).toISOString();
    // A failed renewal is tried again at the next beat; the lease has room for a few misses.
    mailRepo.renewSend(ctx.db, outboxId, until).catch(() => {});
  }, outboxTiming.renewMs);
  timer.unref();
  return timer;
}

async function deliver(ctx: AppContext, url: string, row: OutboxRow): Promise<void> {
  const h = jsonColumn(StoredHeaders, row.headers, "outbox.headers");
  await (await transportFor(url)).sendMail({
    from: await fromAddress(ctx),
    replyTo: ctx.config.supportAddress,
    to: row.to_addr,
    cc: jsonColumn(StoredCc, row.cc, "outbox.cc"),
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    messageId: h.messageId,
    ...(h.inReplyTo ? { inReplyTo: h.inReplyTo } : {}),
    ...(h.references.length ? { references: h.references } : {}),
    headers: h.extra,
    attachments: storedAttachments(row.attachments, ctx.config.dataDir),
  });
}

/**
 * Sends the row; a server that refuses it for its size (a limit under the 7 MB Mesa attaches) gets
 * the kind's version without files at once, which the row then keeps, so the client still hears of
 * it. If that version cannot be made, or is refused too, the row keeps what it had.
 */
async function deliverOrSmaller(ctx: AppContext, url: string, row: OutboxRow): Promise<SentInstead | null> {
  try {
    await deliver(ctx, url, row);
    return null;
  } catch (err) {
    const smaller = await smallerVersionAfter(ctx, row, err);
    if (!smaller) throw err;
    await deliver(ctx, url, { ...row, ...smaller });
    return smaller;
  }
}

/** One try at sending one outbox row; only the worker that claims the row sends it. */
async function sendRow(ctx: AppContext, outboxId: string, final: boolean): Promise<void> {
  const url = ctx.config.smtpUrl;
  if (!url) throw new Error("MESA_SMTP_URL no está configurado.");
  const row = await mailRepo.outboxById(ctx.db, outboxId);
  if (!row || row.status === "sent") return;
  const now = ctx.clock();
  const until = new Date(now.getTime() + SEND_LEASE_MS).toISOString();
  if (!(await mailRepo.claimSend(ctx.db, row.id, now.toISOString(), until))) {
    throw new Error("Otro trabajador está enviando este correo; se revisa después.");
  }
  const lease = renewWhileSending(ctx, row.id);
  let instead: SentInstead | null;
  try {
    instead = await deliverOrSmaller(ctx, url, row);
  } catch (err) {
    const permanent = Number((err as { responseCode?: number }).responseCode) >= 500;
    await mailRepo.markFailed(ctx.db, row.id, ctx.clock().toISOString(), errorText(err), final || permanent);
    throw permanent ? new PermanentTaskError(errorText(err)) : err;
  } finally {
    clearInterval(lease);
  }
  await mailRepo.markSent(ctx.db, row.id, ctx.clock().toISOString(), instead);
}

defineTask({
  kind: "mail.send",
  payload: z.object({ outboxId: z.string() }),
  maxAttempts: 8,
  handler: (payload, { ctx, task }) => sendRow(ctx, payload.outboxId, task.attempt >= task.maxAttempts),
});
