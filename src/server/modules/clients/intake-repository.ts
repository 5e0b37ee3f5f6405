/**
 * What a ticket create reads before its write, in one statement: the client (its name), the contact
 * it names, if any, whichever client that contact belongs to (the caller checks it), the client's
 * contract in force on the call's local date (as activeOn picks it) and the ticket's category. On
 * PostgreSQL the creates that arrive together read in one statement (statement-groups.ts), each by
 * its own key; on SQLite (and in a transaction) each reads alone.
 */
import { type Expression, type Kysely, type SelectQueryBuilder, sql } from "kysely";
import { compiledOnce, type SlotOf } from "../../platform/database/compiled-once.js";
import type { CategoriesTable, DB } from "../../platform/database/schema.js";
import { firstWaiting, groupsReads, runGrouped } from "../../platform/database/statement-groups.js";
import { contactPhones, inForce } from "./repository.js";

type Db = Kysely<DB>;

/** One create's read: the client, the contact (null: none named), the local date, the category. */
export interface IntakeKey {
  id: string;
  contactId: string | null;
  date: string;
  category: string | null;
}

/** Where a read's keys come from: bound values (one read) or the columns of a group's keys. */
interface KeyRefs {
  contactId: string | Expression<string | null>;
  category: string | Expression<string | null>;
  date: string | Expression<string>;
}

/** The joins and columns of the read, from a query on clients (narrowed to the key's client). */
const intakeColumns = (db: Db, q: SelectQueryBuilder<DB, "clients", object>, k: KeyRefs) =>
  q
    .leftJoin("contacts", (join) => join.on("contacts.id", "=", k.contactId as string))
    .leftJoin("categories as cat", (join) => join.on("cat.code", "=", k.category as string))
    .leftJoin("contracts as k", (join) =>
      join.on((eb) =>
        eb(
          "k.id",
          "=",
          inForce(db.selectFrom("contracts").select("id"), eb.ref("clients.id"), k.date).limit(1),
        ),
      ),
    )
    .leftJoin("contract_types as kt", "kt.code", "k.type")
    .select([
      "clients.name",
      "contacts.id as contact_id",
      "contacts.client_id as contact_client_id",
      "contacts.name as contact_name",
      "contacts.email as contact_email",
      "k.id as contract_id",
      "k.sla_normal_minutes",
      "k.sla_urgent_minutes",
      "kt.covered_categories as contract_covered_categories",
      "cat.code as category_code",
      "cat.name as category_name",
      "cat.estimate_minutes as category_estimate_minutes",
      "cat.active as category_active",
    ])
    .select(contactPhones(db, sql.ref("contacts.id")).as("contact_phones"));

type IntakeRow = Awaited<ReturnType<ReturnType<typeof intakeColumns>["execute"]>>[number];

function categoryOf(r: IntakeRow): CategoriesTable | undefined {
  if (r.category_code === null) return undefined;
  return {
    code: r.category_code,
    name: r.category_name ?? "",
    estimate_minutes: r.category_estimate_minutes ?? 0,
    active: r.category_active ?? 0,
  };
}

const readAlone = async (db: Db, key: IntakeKey) => {
  const rows = await compiledOnce(db, "clients.withContact", { ...key }, (slot) =>
    intakeColumns(db, db.selectFrom("clients").where("clients.id", "=", slot("id")), {
      contactId: slot("contactId"),
      category: slot("category"),
      date: slot("date"),
    }),
  );
  return rows[0];
};

/** A group's keys as rows (`i` their position), each array bound as one value: one statement shape. */
const keyRows = (slot: SlotOf) =>
  sql<{
    client_id: string;
    contact_id: string | null;
    on_date: string;
    category: string | null;
    i: string;
  }>`unnest(
    ${slot("ids")}::text[], ${slot("contactIds")}::text[], ${slot("dates")}::text[], ${slot("categories")}::text[]
  ) with ordinality`.as<"keys">(sql`keys(client_id, contact_id, on_date, category, i)`);

const readTogether = async (db: Db, keys: IntakeKey[]) => {
  const values = {
    ids: keys.map((k) => k.id),
    contactIds: keys.map((k) => k.contactId),
    dates: keys.map((k) => k.date),
    categories: keys.map((k) => k.category),
  };
  const rows = await compiledOnce(db, "clients.withContacts", values, (slot) => {
    const fromKeys = db.selectFrom(keyRows(slot)).innerJoin("clients", "clients.id", "keys.client_id");
    return intakeColumns(db, fromKeys as unknown as SelectQueryBuilder<DB, "clients", object>, {
      contactId: sql.ref("keys.contact_id"),
      category: sql.ref("keys.category"),
      date: sql.ref("keys.on_date"),
    }).select(sql<string>`keys.i`.as("position"));
  });
  const byPosition = new Map(rows.map(({ position, ...row }) => [Number(position) - 1, row]));
  return keys.map((_, i) => byPosition.get(i));
};

const intakeReads = { take: firstWaiting(32), run: readTogether };

export const intakeRepo = {
  /** The create's read; undefined when the client does not exist (the contact's fields null when it does not). */
  read: async (db: Db, key: IntakeKey) => {
    const row = groupsReads(db) ? await runGrouped(db, intakeReads, key) : await readAlone(db, key);
    return row && { ...row, category: categoryOf(row) };
  },
};
