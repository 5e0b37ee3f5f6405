import type { Transaction } from "kysely";
import type { ParsedMail } from "mailparser";
import type { AppContext } from "../../context.js";
import { UNIDENTIFIED_CLIENT_ID } from "../../platform/database/migrations/009_mail.js";
import type { DB } from "../../platform/database/schema.js";
import { newId } from "../../platform/ids.js";
import { lazy } from "../../platform/lazy-modules.js";
import { clientsRepo, contactsRepo } from "../clients/repository.js";
import { onClientMessageNotice } from "../staff-notifications/index.js";
import { insertTicket } from "../tickets/create-ticket.js";
import { historyRepo, type TicketRow, ticketsRepo } from "../tickets/repository.js";
import { usersRepo } from "../users/repository.js";
import { workRepo } from "../work/repository.js";
import { type SavedAttachment, saveAttachments } from "./attachments.js";
import { autoReplyRefusal, bareAddress, folioIn, headerSafe, messageIds, rawHeaders } from "./headers.js";
import { type InboundRow, mailRepo } from "./repository.js";
import { ownAddresses } from "./settings.js";

const MAX_BODY = 20_000;

interface Mail {
  row: InboundRow;
  parsed: ParsedMail;
  from: string;
  subject: string;
  text: string;
}

const header = (p: ParsedMail, name: string): string | undefined => {
  const v = p.headers.get(name);
  return typeof v === "string" ? v : v === undefined ? undefined : JSON.stringify(v);
};

/**
 * Turns one stored mail into a message on its ticket or a new ticket. Never throws for bad mail:
 * what cannot be read is quarantined with the reason, and the raw bytes stay.
 */
export async function processInbound(ctx: AppContext, inboundId: string): Promise<void> {
  const row = await mailRepo.inboundById(ctx.db, inboundId);
  if (row?.status !== "received") return;
  const reason = await readMail(ctx, row);
  if (typeof reason === "string") {
    await mailRepo.settleInbound(ctx.db, row.id, quarantine(ctx, reason));
    return;
  }
  const mail = reason;
  const attachments = await saveAttachments(ctx.config.dataDir, row.id, mail.parsed.attachments);
  const target = await threadTarget(ctx, mail);
  if (target) await attachToTicket(ctx, mail, target, attachments);
  else await newTicket(ctx, mail, attachments);
}

const quarantine = (ctx: AppContext, reason: string) => ({
  status: "quarantined" as const,
  reason,
  ticketId: null,
  messageRef: null,
  at: ctx.clock().toISOString(),
});

async function readMail(ctx: AppContext, row: InboundRow): Promise<Mail | string> {
  if (Buffer.from(row.raw).toString("latin1").trim() === "") return `Mensaje vacío (${row.size} bytes).`;
  let parsed: ParsedMail;
  try {
    const { simpleParser } = await lazy.mailparser();
    parsed = await simpleParser(Buffer.from(row.raw), {
      skipImageLinks: true,
      maxHtmlLengthToParse: 5_000_000,
    });
  } catch (err) {
    return `MIME ilegible: ${(err as Error).message}`.slice(0, 500);
  }
  const from = bareAddress(parsed.from?.value[0]?.address) ?? row.from_addr ?? row.envelope_from;
  if (!from) return "Sin remitente (From) legible.";
  if (ownAddresses(ctx).includes(from)) return "Correo enviado por Mesa misma (posible bucle).";
  const subject = headerSafe(parsed.subject ?? "").slice(0, 200) || "(sin asunto)";
  // The parser makes a text version of an HTML-only mail itself, links and all: use ours from the sanitized HTML.
  const hasPlainPart =
    !parsed.html || /^content-type:\s*text\/plain/im.test(Buffer.from(row.raw).toString("latin1"));
  const plain = hasPlainPart ? parsed.text?.trim() : "";
  const html = parsed.html ? (await lazy.mailBody()).textOfHtml(parsed.html) : "";
  const text = (plain || html).slice(0, MAX_BODY);
  return { row, parsed, from, subject, text };
}

/** Where a reply goes: its ticket, and the sender's name as the desk knows it (else as the mail says). */
interface Target {
  ticket: TicketRow;
  sender: string;
}

/** The ticket this mail answers, if its sender may write on it; else null (a new ticket is made). */
async function threadTarget(ctx: AppContext, mail: Mail): Promise<Target | null> {
  const folio = folioIn(mail.subject);
  const refs = [
    ...messageIds(header(mail.parsed, "in-reply-to")),
    ...messageIds(header(mail.parsed, "references")),
  ];
  const ticketId =
    (folio ? await mailRepo.ticketIdByFolio(ctx.db, folio) : null) ??
    (await mailRepo.ticketOfMessageIds(ctx.db, refs));
  if (!ticketId) return null;
  const ticket = await ticketsRepo.byId(ctx.db, ticketId);
  if (!ticket || ticket.status === "cancelled") return null;
  const contacts = await contactsRepo.byChannel(ctx.db, "email", mail.from);
  // A known sender writes only on its own company's tickets; an unidentified ticket takes mail only
  // from the address that opened it (an address of several companies' contacts opens such tickets too).
  const known = contacts.find((c) => c.client_id === ticket.client_id);
  if (known) return { ticket, sender: known.name };
  if (ticket.unknown_sender === 1) {
    const first = await mailRepo.firstSender(ctx.db, ticketId);
    const named = headerSafe(mail.parsed.from?.value[0]?.name ?? "")
      .trim()
      .slice(0, 200);
    if (first?.from_addr === mail.from) return { ticket, sender: named || mail.from };
  }
  return null;
}

async function addAttachments(
  trx: Transaction<DB>,
  ticketId: string,
  inboundId: string,
  list: SavedAttachment[],
  at: string,
) {
  for (const a of list) {
    await mailRepo.addAttachment(trx, {
      id: a.id,
      ticket_id: ticketId,
      inbound_id: inboundId,
      filename: a.filename,
      content_type: a.contentType,
      size: a.size,
      path: a.path,
      created_at: at,
      uploaded_by: null,
      // What the client mailed is the client's to see again in the portal.
      visibility: "client",
    });
  }
}

async function settleOrAbort(
  trx: Transaction<DB>,
  id: string,
  ticketId: string,
  messageRef: string | null,
  at: string,
) {
  const done = await mailRepo.settleInbound(trx, id, {
    status: "processed",
    reason: null,
    ticketId,
    messageRef,
    at,
  });
  // Another worker processed this mail first: roll ours back so it makes nothing twice.
  if (!done) throw new Error("El correo ya fue procesado por otro trabajador.");
}

async function attachToTicket(ctx: AppContext, mail: Mail, target: Target, attachments: SavedAttachment[]) {
  const ticketId = target.ticket.id;
  const at = ctx.clock().toISOString();
  const body = mail.text || "(sin texto)";
  const author = await usersRepo.byEmail(ctx.db, mail.from);
  const messageId = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await workRepo.addMessage(trx, {
      id: messageId,
      ticket_id: ticketId,
      author_id: author?.client_id ? author.id : null,
      kind: "message",
      visibility: "client",
      body,
      created_at: at,
      email_from: mail.from,
    });
    await historyRepo.add(trx, {
      ticketId,
      at,
      actorId: null,
      action: "message",
      changes: { visibility: "client", via: "email", from: mail.from, attachments: attachments.length },
    });
    await addAttachments(trx, ticketId, mail.row.id, attachments, at);
    await settleOrAbort(trx, mail.row.id, ticketId, messageId, at);
    // The client wrote: its assignee (else reception) hears of it with the message.
    await onClientMessageNotice(ctx, trx, {
      row: target.ticket,
      by: target.sender,
      body,
      actorId: author?.id ?? null,
      now: at,
    });
  });
}

/**
 * The contact a new mail's ticket is filed under. An address that belongs to contacts of more than
 * one company (one person who looks after two clients, or a typo when a contact was saved) names
 * none: guessing would file one company's request, and send its auto-reply, under the other. Such a
 * ticket waits unidentified for reception to say whose it is, as a stranger's does.
 */
async function senderContact(ctx: AppContext, from: string) {
  const contacts = await contactsRepo.byChannel(ctx.db, "email", from);
  const companies = new Set(contacts.map((c) => c.client_id));
  return companies.size === 1 ? (contacts[0] ?? null) : null;
}

async function newTicket(ctx: AppContext, mail: Mail, attachments: SavedAttachment[]) {
  const contact = await senderContact(ctx, mail.from);
  const clientId = contact?.client_id ?? UNIDENTIFIED_CLIENT_ID;
  const refs = messageIds(header(mail.parsed, "references"));
  // Read from the raw header block: the parser folds List-* headers into another shape.
  const raw = rawHeaders(Buffer.from(mail.row.raw));
  const noReply = autoReplyRefusal(
    {
      autoSubmitted: raw.get("auto-submitted"),
      precedence: raw.get("precedence"),
      listId: raw.get("list-id"),
      from: mail.from,
    },
    ownAddresses(ctx),
  );
  const input = {
    clientId,
    contactId: contact?.id ?? null,
    title: mail.subject,
    description: mail.text,
    urgent: false,
    channel: "email" as const,
  };
  const client = (await clientsRepo.byId(ctx.db, clientId)) ?? { name: "" };
  await insertTicket(ctx, client, input, {
    actorId: null,
    channel: "email",
    contactName: contact?.name ?? null,
    unknownSender: !contact,
    byClient: true,
    mail: { from: mail.from, messageId: mail.row.message_id, references: refs, noReply },
    within: async (trx, ticket) => {
      await addAttachments(trx, ticket.id, mail.row.id, attachments, ticket.created_at);
      await settleOrAbort(trx, mail.row.id, ticket.id, null, ticket.created_at);
    },
  });
}
