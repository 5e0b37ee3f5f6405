import type { Kysely, Selectable } from "kysely";
import type { OutboxKind, OutboxStatus } from "../../../contract/mail.js";
import type {
  DB,
  InboundMailTable,
  MailAttachmentsTable,
  OutboxTable,
} from "../../platform/database/schema.js";

type Db = Kysely<DB>;
export type OutboxRow = Selectable<OutboxTable>;
export type InboundRow = Selectable<InboundMailTable>;
export type AttachmentRow = Selectable<MailAttachmentsTable>;

const OUTBOX_LISTED = [
  "id",
  "kind",
  "ticket_id",
  "to_addr",
  "subject",
  "status",
  "attempts",
  "last_error",
  "message_id",
  "created_at",
  "sent_at",
] as const satisfies readonly (keyof OutboxRow)[];
/** What went in place of an outbox row's content (its version without files), kept with the mark `sent`. */
export type SentInstead = Pick<OutboxRow, "subject" | "text_body" | "html_body" | "attachments">;

/** A ticket's attachments with the name of who uploaded each (null: it came by e-mail). */
const attachmentsWithUploader = (db: Db, ticketId: string) =>
  db
    .selectFrom("mail_attachments")
    .leftJoin("users", "users.id", "mail_attachments.uploaded_by")
    .selectAll("mail_attachments")
    .select("users.name as uploaded_by_name")
    .where("mail_attachments.ticket_id", "=", ticketId);

/** An outbox row as the admin's list reads it. */
export type ListedOutboxRow = Pick<OutboxRow, (typeof OUTBOX_LISTED)[number]>;

/** The outbox (mail Mesa sends) and the inbound mail it keeps raw. */
export const mailRepo = {
  queue: (db: Db, row: OutboxRow) => db.insertInto("outbox").values(row).execute(),
  outboxById: (db: Db, id: string) =>
    db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst(),
  /** What the admin's list shows: never the bodies nor the attached files, which may weigh megabytes each. */
  outboxList: (db: Db, f: { status?: OutboxStatus; limit: number }) => {
    let q = db.selectFrom("outbox").select(OUTBOX_LISTED);
    if (f.status) q = q.where("status", "=", f.status);
    return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(f.limit).execute();
  },
  queuedIds: async (db: Db) =>
    (await db.selectFrom("outbox").select("id").where("status", "=", "queued").execute()).map((r) => r.id),
  /**
   * Takes the row for one send: only one worker gets it while it is queued (or its previous sender's
   * lease ran out); a sent row is never taken again.
   */
  claimSend: async (db: Db, id: string, now: string, until: string) => {
    const r = await db
      .updateTable("outbox")
      .set((eb) => ({
        status: "sending",
        locked_until: until,
        updated_at: now,
        attempts: eb("attempts", "+", 1),
      }))
      .where("id", "=", id)
      .where((eb) =>
        eb.or([
          eb("status", "in", ["queued", "failed"]),
          eb.and([eb("status", "=", "sending"), eb("locked_until", "<", now)]),
        ]),
      )
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** The sender is still at it: its lease is pushed back so no other worker takes the row. */
  renewSend: (db: Db, id: string, until: string) =>
    db
      .updateTable("outbox")
      .set({ locked_until: until })
      .where("id", "=", id)
      .where("status", "=", "sending")
      .execute(),
  /** `instead`: what was sent in place of the row's content (a version without files), kept with it. */
  markSent: (db: Db, id: string, now: string, instead?: SentInstead | null) =>
    db
      .updateTable("outbox")
      .set({
        ...instead,
        status: "sent",
        sent_at: now,
        updated_at: now,
        locked_until: null,
        last_error: null,
      })
      .where("id", "=", id)
      .execute(),
  markFailed: (db: Db, id: string, now: string, error: string, final: boolean) =>
    db
      .updateTable("outbox")
      .set({ status: final ? "failed" : "queued", last_error: error, updated_at: now, locked_until: null })
      .where("id", "=", id)
      .where("status", "=", "sending")
      .execute(),
  requeue: async (db: Db, id: string, now: string) => {
    const r = await db
      .updateTable("outbox")
      .set({ status: "queued", updated_at: now, locked_until: null })
      .where("id", "=", id)
      .where("status", "=", "failed")
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** Mails of one kind queued to one address since `since` (index outbox_to); only `text` if given. */
  queuedSince: async (db: Db, to: string, kind: OutboxKind, since: string, text?: string) => {
    let q = db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("to_addr", "=", to.toLowerCase())
      .where("kind", "=", kind)
      .where("created_at", ">=", since);
    if (text !== undefined) q = q.where("text_body", "=", text);
    return Number((await q.executeTakeFirstOrThrow()).n);
  },
  /** The ticket a Message-ID Mesa sent or received belongs to. */
  ticketOfMessageIds: async (db: Db, ids: string[]): Promise<string | null> => {
    if (ids.length === 0) return null;
    const sent = await db
      .selectFrom("outbox")
      .select("ticket_id")
      .where("message_id", "in", ids)
      .where("ticket_id", "is not", null)
      .executeTakeFirst();
    if (sent?.ticket_id) return sent.ticket_id;
    const got = await db
      .selectFrom("inbound_mail")
      .select("ticket_id")
      .where("message_id", "in", ids)
      .where("ticket_id", "is not", null)
      .executeTakeFirst();
    return got?.ticket_id ?? null;
  },

  /** False when this Message-ID was already received (the first copy wins). */
  storeInbound: async (db: Db, row: InboundRow) => {
    const r = await db
      .insertInto("inbound_mail")
      .values(row)
      .onConflict((oc) => oc.column("message_id").doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },
  inboundById: (db: Db, id: string) =>
    db.selectFrom("inbound_mail").selectAll().where("id", "=", id).executeTakeFirst(),
  settleInbound: async (
    db: Db,
    id: string,
    s: {
      status: "processed" | "quarantined";
      reason: string | null;
      ticketId: string | null;
      messageRef: string | null;
      at: string;
    },
  ) =>
    db
      .updateTable("inbound_mail")
      .set({
        status: s.status,
        reason: s.reason,
        ticket_id: s.ticketId,
        message_ref: s.messageRef,
        processed_at: s.at,
      })
      .where("id", "=", id)
      .where("status", "=", "received")
      .executeTakeFirst()
      .then((r) => Number(r.numUpdatedRows) === 1),
  /** The first sender's address of a ticket made from mail (who the desk answers when no contact is known). */
  firstSender: async (db: Db, ticketId: string) =>
    (await db
      .selectFrom("inbound_mail")
      .select(["from_addr", "message_id"])
      .where("ticket_id", "=", ticketId)
      .orderBy("received_at")
      .executeTakeFirst()) ?? null,
  lastThreadIds: async (db: Db, ticketId: string) => {
    const [sent, got] = await Promise.all([
      db
        .selectFrom("outbox")
        .select(["message_id", "created_at"])
        .where("ticket_id", "=", ticketId)
        .execute(),
      db
        .selectFrom("inbound_mail")
        .select(["message_id", "received_at as created_at"])
        .where("ticket_id", "=", ticketId)
        .execute(),
    ]);
    return [...sent, ...got]
      .sort((a, b) => a.created_at.localeCompare(b.created_at))
      .map((r) => r.message_id);
  },

  ticketIdByFolio: async (db: Db, folio: string) =>
    (await db.selectFrom("tickets").select("id").where("folio", "=", folio).executeTakeFirst())?.id ?? null,

  addAttachment: (db: Db, row: AttachmentRow) => db.insertInto("mail_attachments").values(row).execute(),
  /** A ticket's attachments with who uploaded each; `clientOnly`: the portal's, without internal ones. */
  attachments: (db: Db, ticketId: string, opts: { clientOnly: boolean }) => {
    let q = attachmentsWithUploader(db, ticketId);
    if (opts.clientOnly) q = q.where("mail_attachments.visibility", "=", "client");
    return q.orderBy("mail_attachments.created_at").orderBy("mail_attachments.id").execute();
  },
  /** The attachment kept at `path` (as an outbox row names it), with who uploaded it. */
  attachmentAt: (db: Db, ticketId: string, path: string) =>
    attachmentsWithUploader(db, ticketId).where("mail_attachments.path", "=", path).executeTakeFirst(),
  attachment: (db: Db, ticketId: string, id: string) =>
    db
      .selectFrom("mail_attachments")
      .selectAll()
      .where("ticket_id", "=", ticketId)
      .where("id", "=", id)
      .executeTakeFirst(),
};
