import { type Kysely, type Migration, sql } from "kysely";
import { checkRfc, isGenericRfc } from "../../../../domain/rfc.js";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

const BATCH = 500;

/**
 * Credit requests (Ventas decides), the RFC check-digit review, warranty cases and loaners.
 * Generic RFCs (XAXX/XEXX…) are shared by many cash clients, so they get their own column: the
 * unique `clients.rfc` keeps real RFCs unique on both databases without rebuilding SQLite's table.
 */
async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("clients")
    .addColumn("rfc_check_failed", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("clients").addColumn("rfc_confirmed_by", "text").execute();
  await db.schema.alterTable("clients").addColumn("rfc_confirmed_at", "text").execute();
  await db.schema.alterTable("clients").addColumn("generic_rfc", "text").execute();
  await markExistingRfcs(db);

  await db.schema
    .createTable("credit_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("credit_days", "integer", (c) => c.notNull())
    .addColumn("credit_limit_cents", "bigint", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("decision_reason", "text")
    .execute();
  await db.schema
    .createIndex("credit_requests_status")
    .on("credit_requests")
    .columns(["status", "requested_at"])
    .execute();
  // One open request per client: a second one while the first waits is refused by the database too.
  await db.schema
    .createIndex("credit_requests_one_pending")
    .on("credit_requests")
    .column("client_id")
    .unique()
    .where(sql<boolean>`status = 'pending'`)
    .execute();

  await db.schema
    .createTable("warranty_cases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("ticket_id", "text", (c) => c.notNull().unique().references("tickets.id"))
    .addColumn("manufacturer", "text", (c) => c.notNull())
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("serial", "text", (c) => c.notNull())
    .addColumn("rma_number", "text")
    .addColumn("sent_on", "text")
    .addColumn("returned_on", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("loaners")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("equipment", "text", (c) => c.notNull())
    .addColumn("serial", "text", (c) => c.notNull().unique())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable("loans")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("loaner_id", "text", (c) => c.notNull().references("loaners.id"))
    .addColumn("ticket_id", "text", (c) => c.notNull().references("tickets.id"))
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("lent_by", "text", (c) => c.references("users.id"))
    .addColumn("lent_at", "text", (c) => c.notNull())
    .addColumn("returned_by", "text", (c) => c.references("users.id"))
    .addColumn("returned_at", "text")
    .addColumn("return_notes", "text")
    .execute();
  // A loaner is out on at most one loan at a time, whatever two desks do at once.
  await db.schema
    .createIndex("loans_one_open")
    .on("loans")
    .column("loaner_id")
    .unique()
    .where(sql<boolean>`returned_at is null`)
    .execute();
  await db.schema.createIndex("loans_ticket").on("loans").column("ticket_id").execute();
  await db.schema.createIndex("loans_due").on("loans").columns(["returned_at", "due_on"]).execute();
}

/** Existing clients: generic RFCs move to their column, the others are checked for the review list. */
async function markExistingRfcs(db: AnyDb): Promise<void> {
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("clients")
      .select(["id", "rfc"])
      .where("rfc", "is not", null)
      .where("id", ">", after)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    const tail = rows.at(-1);
    if (!tail) return;
    for (const row of rows) {
      const rfc = String(row.rfc);
      if (isGenericRfc(rfc)) {
        await db
          .updateTable("clients")
          .set({ rfc: null, generic_rfc: rfc })
          .where("id", "=", row.id)
          .execute();
      } else if (checkRfc(rfc).code === "rfc.check_digit_mismatch") {
        await db.updateTable("clients").set({ rfc_check_failed: 1 }).where("id", "=", row.id).execute();
      }
    }
    after = String(tail.id);
  }
}

export const creditWarrantyMigration: Migration = { up };
