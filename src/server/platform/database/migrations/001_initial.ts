import { type CreateTableBuilder, type Kysely, type Migration, sql } from "kysely";
import type { Dialect } from "../database.js";

// Kysely's builder is typed loosely for migrations on purpose: they must outlive the current schema.
// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;
// biome-ignore lint/suspicious/noExplicitAny: see above
type Table = CreateTableBuilder<string, any>;

/** An auto-incrementing integer key, spelled the way each database wants it. */
function serialId(dialect: Dialect) {
  return (t: Table): Table =>
    dialect === "postgres"
      ? t.addColumn("id", "bigserial", (c) => c.primaryKey())
      : t.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}

const stamps = (t: Table): Table =>
  t.addColumn("created_at", "text", (c) => c.notNull()).addColumn("updated_at", "text", (c) => c.notNull());

async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const serial = serialId(dialect);

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("roles", "text", (c) => c.notNull())
    .addColumn("skills", "text", (c) => c.notNull())
    .addColumn("client_id", "text")
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("es-MX"))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .$call(stamps)
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();

  await db.schema
    .createTable("login_attempts")
    .$call(serial)
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_attempts_key_at").on("login_attempts").columns(["key", "at"]).execute();

  await db.schema
    .createTable("clients")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("rfc", "text", (c) => c.unique())
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("billing_address", "text")
    .addColumn("payment_terms", "text", (c) => c.notNull().defaultTo("cash"))
    .addColumn("credit_days", "integer")
    .addColumn("credit_limit_cents", "bigint")
    .addColumn("credit_approved_by", "text")
    .addColumn("credit_approved_at", "text")
    .addColumn("account_technician_id", "text", (c) => c.references("users.id"))
    .addColumn("notes", "text")
    .addColumn("search_text", "text", (c) => c.notNull())
    .$call(stamps)
    .execute();

  await db.schema
    .createTable("contacts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("position", "text")
    .addColumn("search_text", "text", (c) => c.notNull())
    .$call(stamps)
    .execute();
  await db.schema.createIndex("contacts_client").on("contacts").column("client_id").execute();

  await db.schema
    .createTable("contact_channels")
    .$call(serial)
    .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("contact_channels_value")
    .on("contact_channels")
    .columns(["kind", "value"])
    .execute();

  await db.schema
    .createTable("contract_types")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db
    .insertInto("contract_types")
    .values([
      { code: "SH", name: "Póliza de Servicio Hospedaje", active: 1 },
      { code: "SF", name: "Póliza de Servicio Fortigate", active: 1 },
      { code: "SS", name: "Póliza de Servicio Soporte", active: 1 },
    ])
    .execute();

  await db.schema
    .createTable("contracts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("type", "text", (c) => c.notNull().references("contract_types.code"))
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text")
    .addColumn("monthly_fee_cents", "bigint", (c) => c.notNull())
    .addColumn("included_minutes_per_month", "integer")
    .addColumn("overage_rate_cents", "bigint")
    .addColumn("sla_normal_minutes", "integer")
    .addColumn("sla_urgent_minutes", "integer")
    .addColumn("notes", "text")
    .addColumn("cancelled_at", "text")
    .$call(stamps)
    .execute();
  await db.schema.createIndex("contracts_client").on("contracts").column("client_id").execute();

  await db.schema
    .createTable("categories")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("estimate_minutes", "integer", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db
    .insertInto("categories")
    .values([
      { code: "soporte", name: "Soporte general", estimate_minutes: 480, active: 1 },
      { code: "redes", name: "Redes", estimate_minutes: 480, active: 1 },
      { code: "fortigate", name: "Fortigate", estimate_minutes: 480, active: 1 },
      { code: "hosting", name: "Hospedaje", estimate_minutes: 480, active: 1 },
      { code: "windows-server", name: "Windows Server", estimate_minutes: 960, active: 1 },
      { code: "microsip", name: "Microsip", estimate_minutes: 480, active: 1 },
    ])
    .execute();

  await db.schema
    .createTable("folio_counters")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("last_value", "integer", (c) => c.notNull())
    .execute();

  await createTicketTables(db, dialect);
  await createSupportTables(db, dialect);
}

async function createTicketTables(db: AnyDb, dialect: Dialect): Promise<void> {
  const serial = serialId(dialect);
  await db.schema
    .createTable("tickets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("folio", "text", (c) => c.notNull().unique())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("contact_id", "text", (c) => c.references("contacts.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("urgent", "integer", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("category", "text")
    .addColumn("service_kind", "text", (c) => c.notNull())
    .addColumn("contract_id", "text", (c) => c.references("contracts.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("assignee_id", "text", (c) => c.references("users.id"))
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("response_due_at", "text", (c) => c.notNull())
    .addColumn("responded_at", "text")
    .addColumn("estimated_solution_minutes", "integer")
    .addColumn("estimated_solution_at", "text")
    .addColumn("raw_minutes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("billable_minutes", "integer")
    .addColumn("billing_status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("accepted_at", "text")
    .addColumn("accepted_by_name", "text")
    .addColumn("accepted_via", "text")
    .addColumn("acceptance_override_reason", "text")
    .addColumn("unknown_sender", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("search_text", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("closed_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .$call(stamps)
    .execute();
  // The default queue order (urgent first, then the oldest deadline) is served by this index.
  await db.schema
    .createIndex("tickets_queue")
    .on("tickets")
    .columns(["urgent desc", "response_due_at", "id"])
    .execute();
  await db.schema
    .createIndex("tickets_status")
    .on("tickets")
    .columns(["status", "urgent", "response_due_at"])
    .execute();
  await db.schema.createIndex("tickets_client").on("tickets").columns(["client_id", "status"]).execute();
  await db.schema.createIndex("tickets_assignee").on("tickets").columns(["assignee_id", "status"]).execute();

  await db.schema
    .createTable("ticket_history")
    .$call(serial)
    .addColumn("ticket_id", "text", (c) => c.notNull().references("tickets.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("reason", "text")
    .addColumn("changes", "text")
    .execute();
  await db.schema
    .createIndex("ticket_history_ticket")
    .on("ticket_history")
    .columns(["ticket_id", "id"])
    .execute();

  await db.schema
    .createTable("time_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("ticket_id", "text", (c) => c.notNull().references("tickets.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("started_at", "text")
    .addColumn("ended_at", "text")
    .addColumn("minutes", "integer", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("activity", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("time_entries_ticket").on("time_entries").column("ticket_id").execute();

  await db.schema
    .createTable("charges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("ticket_id", "text", (c) => c.notNull().references("tickets.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull())
    .addColumn("unit_price_cents", "bigint", (c) => c.notNull())
    .addColumn("amount_cents", "bigint", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("charges_ticket").on("charges").column("ticket_id").execute();

  await db.schema
    .createTable("messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("ticket_id", "text", (c) => c.notNull().references("tickets.id"))
    .addColumn("author_id", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("visibility", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("messages_ticket").on("messages").column("ticket_id").execute();
}

async function createSupportTables(db: AnyDb, dialect: Dialect): Promise<void> {
  const serial = serialId(dialect);
  await db.schema
    .createTable("surveys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("ticket_id", "text", (c) => c.notNull().unique().references("tickets.id"))
    .addColumn("overall", "integer")
    .addColumn("technician", "integer")
    .addColumn("timeliness", "integer")
    .addColumn("comments", "text")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text")
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("survey_attempts")
    .$call(serial)
    .addColumn("ticket_id", "text", (c) => c.notNull().references("tickets.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("by_user_id", "text")
    .addColumn("note", "text")
    .execute();

  await db.schema
    .createTable("audit_log")
    .$call(serial)
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("changes", "text")
    .execute();
  await db.schema.createIndex("audit_log_entity").on("audit_log").columns(["entity", "entity_id"]).execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .execute();

  await db.schema
    .createTable("jobs")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("locked_until", "text")
    .addColumn("locked_by", "text")
    .addColumn("last_run_at", "text")
    .execute();

  if (dialect === "postgres") {
    // Accent- and case-insensitive substring search over 100k+ tickets needs a trigram index.
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index tickets_search_trgm on tickets using gin (search_text gin_trgm_ops)`.execute(db);
  }
}

export function initialMigration(dialect: Dialect): Migration {
  return { up: (db) => up(db, dialect) };
}
