import type { Transaction } from "kysely";
import type { OutboxKind } from "../../../contract/mail.js";
import { fileSize, MAILED_FILE_MAX_BYTES } from "../../../domain/file-size.js";
import type { AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import { render as renderText } from "../../platform/i18n/render.js";
import { contactsRepo } from "../clients/repository.js";
import { portalRepo } from "../portal/repository.js";
import { calendarConfig } from "../settings/settings.js";
import { type TicketRow, ticketsRepo } from "../tickets/repository.js";
import { bareAddress } from "./headers.js";
import { type OutgoingMail, queueMail, storedFilesOf } from "./outbox.js";
import { mailRepo, type OutboxRow } from "./repository.js";
import { languageOf, mailSettings, ownAddresses } from "./settings.js";
import { localInstant, type MailLang, openingHours, type Rendered, render } from "./templates.js";
import { sendSmallerWhenTooLarge } from "./too-large.js";

/** How a ticket arrived by mail: who wrote, the mail's id for threading, and whether answering it is safe. */
export interface MailIntake {
  from: string;
  messageId: string;
  references: string[];
  /** Set when the mail must not be answered (RFC 3834, lists, robots): the reason. */
  noReply: string | null;
}

const AUTO_REPLY_CHANNELS = new Set(["email", "portal", "phone"]);

async function commonVars(ctx: AppContext, row: TicketRow, lang: "es" | "en") {
  const [cfg, settings] = await Promise.all([calendarConfig(ctx), mailSettings(ctx)]);
  return {
    cfg,
    vars: {
      company: settings.companyName,
      folio: row.folio,
      title: row.title,
      hours: openingHours(cfg, lang),
      // These mails go to the client: the link opens the ticket in the portal.
      link: `${ctx.config.publicUrl}/portal/tickets/${row.id}`,
    },
  };
}

/** Where the desk writes about a ticket: its contact's address, else the address that opened it by mail. */
export async function recipientOf(ctx: AppContext, row: TicketRow): Promise<string | null> {
  const email = await contactEmailOf(ctx.db, row);
  if (email) return bareAddress(email);
  return bareAddress((await mailRepo.firstSender(ctx.db, row.id))?.from_addr);
}

/** The e-mail of the ticket's contact, as stored (null: no contact, or one without e-mail). */
async function contactEmailOf(db: AppContext["db"], row: TicketRow): Promise<string | null> {
  const contact = row.contact_id ? await contactsRepo.byId(db, row.contact_id) : null;
  return contact?.email ?? null;
}

/** An auto-reply's hourly limit per address: its writer counts again where the count is exact. */
export interface AutoReplyLimit {
  to: string;
  since: string;
  perHour: number;
}

/**
 * The intake auto-reply (folio, response deadline, estimated solution, opening hours), or null when
 * none is due: not to robots, lists, Mesa itself, or past the per-sender hourly limit. Only reads,
 * so that they happen before the new ticket's write holds the folio counter (issue #16); the writer
 * queues the mail with the ticket and checks the limit again where no other create can slip past it
 * (tickets/new-ticket-repository.ts). An address found at its limit here has no reply planned at all.
 */
export async function planAutoReply(
  ctx: AppContext,
  row: TicketRow,
  intake: {
    mail?: MailIntake;
    portalAddress?: string | null;
    contactName?: string | null;
    contactEmail?: string | null;
  },
): Promise<{ mail: OutgoingMail; limit: AutoReplyLimit } | null> {
  if (!AUTO_REPLY_CHANNELS.has(row.channel) || intake.mail?.noReply) return null;
  // A ticket filed by hand arrives with its contact already read and has no inbound mail of its own.
  const known = intake.contactEmail !== undefined && !intake.mail;
  const to =
    bareAddress(intake.mail?.from) ??
    bareAddress(intake.portalAddress) ??
    (known ? bareAddress(intake.contactEmail) : await recipientOf(ctx, row));
  if (!to || ownAddresses(ctx).includes(to)) return null;
  const settings = await mailSettings(ctx);
  const limit = {
    to,
    since: new Date(ctx.clock().getTime() - 3600_000).toISOString(),
    perHour: settings.autoRepliesPerHour,
  };
  if ((await mailRepo.queuedSince(ctx.db, to, "autoreply", limit.since)) >= limit.perHour) return null;
  const lang = await languageOf(ctx, to);
  const { cfg, vars } = await commonVars(ctx, row, lang);
  const name = known
    ? intake.contactName
    : row.contact_id
      ? (await contactsRepo.byId(ctx.db, row.contact_id))?.name
      : null;
  const mail = render(ctx.config.dataDir, "autoreply", lang, {
    ...vars,
    name: name ?? "",
    responseDue: localInstant(row.response_due_at, cfg, lang),
    estimatedSolution: localInstant(row.estimated_solution_at, cfg, lang),
  });
  const original = intake.mail?.messageId;
  const reply: OutgoingMail = {
    kind: "autoreply",
    ticketId: row.id,
    to,
    ...mail,
    inReplyTo: original ?? null,
    references: original ? [...(intake.mail?.references ?? []), original] : [],
    autoSubmitted: "auto-replied",
  };
  return { mail: reply, limit };
}

/** A staff message ("message" kind only) mailed to the client, threaded after the last mail of the ticket. */
export async function queueStaffMessage(
  ctx: AppContext,
  trx: Transaction<DB>,
  row: TicketRow,
  message: { body: string; author: string },
): Promise<void> {
  const to = await recipientOf({ ...ctx, db: trx }, row);
  await queueToClient(ctx, trx, row, to, async () => ({
    kind: "message",
    template: "message",
    vars: { body: message.body, author: message.author },
  }));
}

/** A file staff attached, as its mail needs it (`storedFile`: its path under MESA_DATA_DIR/attachments). */
export interface NoticedFile {
  filename: string;
  contentType: string;
  size: number;
  storedFile: string;
  author: string;
}

/** Where a file's mail went, and whether the file rode in it. */
export interface FileMail {
  to: string;
  attached: boolean;
}

/**
 * A file staff added for the client to see, mailed in the upload's commit and threaded like a message.
 * Only to the ticket's contact, the person the desk knows: never to the first sender of a mailed
 * ticket (a list, a robot, someone who left), as messages may. Null when no mail was queued.
 */
export async function queueAttachmentNotice(
  ctx: AppContext,
  trx: Transaction<DB>,
  row: TicketRow,
  file: NoticedFile,
): Promise<FileMail | null> {
  const attached = file.size <= MAILED_FILE_MAX_BYTES;
  const contactEmail = await contactEmailOf(trx, row);
  const to = await queueToClient(ctx, trx, row, bareAddress(contactEmail), (lang, address) =>
    attachmentNotice(trx, lang, address, file, attached),
  );
  return to ? { to, attached } : null;
}

async function attachmentNotice(
  db: AppContext["db"],
  lang: MailLang,
  to: string,
  file: NoticedFile,
  attached: boolean,
): Promise<ClientMail> {
  return {
    kind: "attachment",
    template: "attachment",
    vars: {
      author: file.author,
      filename: file.filename,
      size: fileSize(file.size),
      delivery: renderText(lang === "en" ? "en" : "es-MX", await fileDelivery(db, to, attached), {}),
    },
    attachments: attached
      ? [{ filename: file.filename, contentType: file.contentType, storedFile: file.storedFile }]
      : [],
  };
}

/** How the mail says the file reaches them: attached, in the portal (if they can sign in), or on request. */
async function fileDelivery(db: AppContext["db"], to: string, attached: boolean): Promise<string> {
  if (attached) return "mail.attachment.attached";
  return (await portalRepo.accountByEmail(db, to)) ? "mail.attachment.linked" : "mail.attachment.ask";
}

/**
 * A staff file's notice as it reads when the file does not ride along, for a receiving server that
 * refused the message for its size: the same words as for a file past 7 MB (portal, or reply for it).
 */
async function attachmentNoticeWithoutFile(ctx: AppContext, outbox: OutboxRow): Promise<Rendered | null> {
  const [storedFile] = storedFilesOf(outbox.attachments);
  if (!outbox.ticket_id || !storedFile) return null;
  const [row, kept] = await Promise.all([
    ticketsRepo.byId(ctx.db, outbox.ticket_id),
    mailRepo.attachmentAt(ctx.db, outbox.ticket_id, storedFile),
  ]);
  if (!row || !kept) return null;
  const lang = await languageOf(ctx, outbox.to_addr);
  const { vars } = await commonVars(ctx, row, lang);
  const file = {
    filename: kept.filename,
    contentType: kept.content_type,
    size: kept.size,
    storedFile,
    author: kept.uploaded_by_name ?? vars.company,
  };
  const notice = await attachmentNotice(ctx.db, lang, outbox.to_addr, file, false);
  return render(ctx.config.dataDir, notice.template, lang, { ...vars, ...notice.vars });
}
sendSmallerWhenTooLarge("attachment", attachmentNoticeWithoutFile);

interface ClientMail {
  kind: OutboxKind;
  template: string;
  vars: Record<string, string>;
  attachments?: OutgoingMail["attachments"];
}

/**
 * Queues a mail about the ticket to `to` in the caller's commit, unless there is no address (or it is
 * Mesa's own); the address it was queued for, else null.
 */
async function queueToClient(
  base: AppContext,
  trx: Transaction<DB>,
  row: TicketRow,
  to: string | null,
  compose: (lang: MailLang, to: string) => Promise<ClientMail>,
): Promise<string | null> {
  const ctx: AppContext = { ...base, db: trx };
  if (!to || ownAddresses(ctx).includes(to)) return null;
  const lang = await languageOf(ctx, to);
  const { vars } = await commonVars(ctx, row, lang);
  const { kind, template, vars: own, attachments } = await compose(lang, to);
  const mail = render(ctx.config.dataDir, template, lang, { ...vars, ...own });
  const thread = await mailRepo.lastThreadIds(trx, row.id);
  await queueMail(ctx, trx, {
    kind,
    ticketId: row.id,
    to,
    ...mail,
    inReplyTo: thread.at(-1) ?? null,
    references: thread,
    ...(attachments?.length ? { attachments } : {}),
  });
  return to;
}
