import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/** Billing (issue #14): price list, per-ticket rate overrides, invoices and what each invoice billed. */
async function up(db: AnyDb): Promise<void> {
  // One rule per (category, mode); `rule_key` makes the pair unique with NULLs on both databases.
  await db.schema
    .createTable("rates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("rule_key", "text", (c) => c.notNull().unique())
    .addColumn("category", "text", (c) => c.references("categories.code"))
    .addColumn("mode", "text")
    .addColumn("hourly_rate_cents", "bigint", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  // Append-only: the latest row of a ticket is its rate; earlier rows are its history.
  await db.schema
    .createTable("ticket_rate_overrides")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("ticket_id", "text", (c) => c.notNull().references("tickets.id"))
    .addColumn("hourly_rate_cents", "bigint", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("ticket_rate_overrides_ticket")
    .on("ticket_rate_overrides")
    .columns(["ticket_id", "at"])
    .execute();

  await db.schema
    .createTable("invoice_counters")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("last_value", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("invoices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("folio", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    // contract: "<contractId>:<period>", event: "ticket:<ticketId>"; cleared on cancel so a correction may follow.
    .addColumn("run_key", "text", (c) => c.unique())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("client_name", "text", (c) => c.notNull())
    .addColumn("client_rfc", "text")
    .addColumn("contract_id", "text")
    .addColumn("ticket_id", "text")
    .addColumn("period", "text")
    .addColumn("lines", "text", (c) => c.notNull())
    .addColumn("subtotal_cents", "bigint", (c) => c.notNull())
    .addColumn("tax_basis_points", "integer", (c) => c.notNull())
    .addColumn("tax_cents", "bigint", (c) => c.notNull())
    .addColumn("total_cents", "bigint", (c) => c.notNull())
    .addColumn("payment_terms", "text", (c) => c.notNull())
    .addColumn("credit_days", "integer")
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("erp_folio", "text")
    .addColumn("issued_at", "text")
    .addColumn("exported_at", "text")
    .addColumn("paid_at", "text")
    .addColumn("cancelled_at", "text")
    .addColumn("cancel_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("invoices_period").on("invoices").columns(["period", "client_id"]).execute();
  await db.schema
    .createIndex("invoices_client")
    .on("invoices")
    .columns(["client_id", "created_at"])
    .execute();
  await db.schema.createIndex("invoices_status").on("invoices").columns(["status", "created_at"]).execute();

  // What each invoice billed: a ticket's minutes and a charge are billed at most once (primary keys).
  await db.schema
    .createTable("invoice_tickets")
    .addColumn("ticket_id", "text", (c) => c.primaryKey())
    .addColumn("invoice_id", "text", (c) => c.notNull())
    .addColumn("contract_id", "text")
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("minutes", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("invoice_tickets_invoice").on("invoice_tickets").column("invoice_id").execute();
  await db.schema
    .createIndex("invoice_tickets_month")
    .on("invoice_tickets")
    .columns(["contract_id", "month"])
    .execute();
  await db.schema
    .createTable("invoice_charges")
    .addColumn("charge_id", "text", (c) => c.primaryKey())
    .addColumn("invoice_id", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("invoice_charges_invoice").on("invoice_charges").column("invoice_id").execute();

  // The overage minutes each contract invoice billed per month (so a cancellation gives them back exactly).
  await db.schema
    .createTable("invoice_overage")
    .addColumn("invoice_id", "text", (c) => c.notNull())
    .addColumn("contract_id", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("minutes", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("invoice_overage_pk", ["invoice_id", "month"])
    .execute();
  await db.schema
    .createIndex("invoice_overage_month")
    .on("invoice_overage")
    .columns(["contract_id", "month"])
    .execute();

  await db.schema
    .createTable("billing_runs")
    .addColumn("period", "text", (c) => c.primaryKey())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("completed_at", "text")
    .execute();

  // The run reads a contract's tickets.
  await db.schema.createIndex("tickets_contract").on("tickets").columns(["contract_id", "status"]).execute();
}

export const billingMigration: Migration = { up };
