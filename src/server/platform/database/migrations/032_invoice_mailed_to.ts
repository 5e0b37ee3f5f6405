import { type Kysely, type Migration, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * Where issuing mailed an invoice (null: not issued, or issued to a client with no address and so not
 * mailed). Invoices issued before take the address of their mail in the outbox: queued with the issue
 * (not before it), for the invoice's ticket (none for a contract's), its subject naming the folio
 * («Factura PF-2026-000014 …») and its PDF attached (PF-2026-000014.pdf). A ticket's title is the
 * client's to write, and a reply to it is a mail of the same kind: naming a folio in it must not
 * give that invoice the reply's address. One issued without a mail keeps null.
 */
async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("invoices").addColumn("mailed_to", "text").execute();
  await sql`update invoices set mailed_to = (
      select o.to_addr from outbox o
      where o.kind = 'message'
        and o.subject like '%' || invoices.folio || '%'
        and o.attachments like '%' || invoices.folio || '.pdf%'
        and coalesce(o.ticket_id, '') = coalesce(invoices.ticket_id, '')
        and o.created_at >= invoices.issued_at
      order by o.created_at limit 1)
    where issued_at is not null`.execute(db);
}

export const invoiceMailedToMigration: Migration = { up };
