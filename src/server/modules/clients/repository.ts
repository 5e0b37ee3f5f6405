import { type Expression, type Kysely, type Selectable, type SelectQueryBuilder, sql } from "kysely";
import type { ContactChannelKind } from "../../../contract/clients.js";
import { compiledOnce } from "../../platform/database/compiled-once.js";
import { isSqlite } from "../../platform/database/dialect.js";
import { UNIDENTIFIED_CLIENT_ID } from "../../platform/database/migrations/009_mail.js";
import type { ClientsTable, ContactsTable, ContractsTable, DB } from "../../platform/database/schema.js";
import { updateAtVersion } from "../../platform/database/versioned-rows.js";

type Db = Kysely<DB>;
export type ClientRow = Selectable<ClientsTable>;
export type ContactRow = Selectable<ContactsTable>;
export type ContractRow = Selectable<ContractsTable>;
/** Where a client stands in the list's order (name, then id): what a page's cursor holds. */
export type ClientKey = Pick<ClientRow, "name" | "id">;

/** LIKE patterns for folded search terms; wildcards typed by the user are dropped, each term must appear. */
export const likePatterns = (terms: string[]): string[] =>
  terms
    .map((t) => t.replace(/[\\%_]/g, ""))
    .filter(Boolean)
    .map((t) => `%${t}%`);

/**
 * A client's contracts in force on a local date, the latest start first (ties by id): what "the
 * contract in force" means for every reader (contract-in-force.ts, a ticket create's reads).
 */
export function inForce<O>(
  q: SelectQueryBuilder<DB, "contracts", O>,
  clientId: string | Expression<string>,
  date: string | Expression<string>,
): SelectQueryBuilder<DB, "contracts", O> {
  return q
    .where("contracts.client_id", "=", clientId)
    .where("contracts.cancelled_at", "is", null)
    .where("contracts.starts_on", "<=", date)
    .where((eb) => eb.or([eb("contracts.ends_on", "is", null), eb("contracts.ends_on", ">=", date)]))
    .orderBy("contracts.starts_on", "desc")
    .orderBy("contracts.id");
}

/**
 * The least digit string above every string that starts with `digits` ("5540" → "5541", "5549" → "555"),
 * null when there is none ("999"). Digits only: every collation orders them as their characters.
 */
function digitsAbove(digits: string): string | null {
  const kept = digits.replace(/9+$/, "");
  if (kept === "") return null;
  return kept.slice(0, -1) + String(Number(kept.slice(-1)) + 1);
}

/** The client's phone as stored ("(81) 8000-1234") with the usual separators removed: "8180001234". */
const phoneDigitsOf = sql<string>`replace(replace(replace(replace(replace(replace(clients.phone, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')`;

/** The category row read with the client (undefined: no such category, or none asked for). */

export const clientsRepo = {
  /** Every ticket filed reads its client: compiled once (see compiledOnce). */
  byId: async (db: Db, id: string) => {
    const rows = await compiledOnce(db, "clients.byId", { id }, (slot) =>
      db.selectFrom("clients").selectAll().where("id", "=", slot("id")),
    );
    return rows[0];
  },
  /**
   * A client people can be attached to (a contact, a client-role user, a portal account): never the
   * placeholder that holds unidentified senders' mail. A contact or user there would be a "known"
   * sender of every stranger's ticket, and a user there would read them all.
   */
  byIdForPeople: async (db: Db, id: string) =>
    id === UNIDENTIFIED_CLIENT_ID ? undefined : clientsRepo.byId(db, id),
  byIds: (db: Db, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom("clients").selectAll().where("id", "in", ids).execute(),
  byRfc: (db: Db, rfc: string) =>
    db.selectFrom("clients").selectAll().where("rfc", "=", rfc).executeTakeFirst(),
  insert: (db: Db, row: ClientRow) => db.insertInto("clients").values(row).execute(),
  /** Writes only if the row is still at `version` (and bumps it); false when someone else wrote first. */
  update: (db: Db, id: string, version: number, patch: Partial<ClientRow>) =>
    updateAtVersion(db, "clients", id, version, patch),
  /**
   * Clients by name/RFC terms, by name then id, those after `after` (a page's last client) when given;
   * the placeholder that holds unidentified senders' mail is no client to list.
   */
  search: (db: Db, terms: string[], limit: number, after?: ClientKey) => {
    let q = db
      .selectFrom("clients")
      .selectAll()
      .where("id", "<>", UNIDENTIFIED_CLIENT_ID)
      .orderBy("name")
      .orderBy("id")
      .limit(limit);
    if (after) q = q.where((eb) => eb(eb.refTuple("name", "id"), ">", eb.tuple(after.name, after.id)));
    for (const p of likePatterns(terms)) q = q.where("search_text", "like", p);
    return q.execute();
  },
  /**
   * The client no longer names `contactId` as its billing contact (its e-mail was removed): cleared and
   * the version bumped, in the caller's transaction. False when the client did not name it.
   */
  clearBillingContact: async (db: Db, clientId: string, contactId: string, now: string) => {
    const r = await db
      .updateTable("clients")
      .set((eb) => ({ billing_contact_id: null, updated_at: now, version: eb("version", "+", 1) }))
      .where("id", "=", clientId)
      .where("billing_contact_id", "=", contactId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  byPhoneOrRfc: (db: Db, phoneDigits: string, rfc: string) =>
    db
      .selectFrom("clients")
      .selectAll()
      .where((eb) => eb.or([eb("rfc", "=", rfc), eb(phoneDigitsOf, "like", `%${phoneDigits}%`)]))
      .limit(20)
      .execute(),
};

/**
 * The phones of the contact `contactId` refers to, as the search text takes them: the normalised
 * digits of its phone channels in the order they were saved, space-separated (null: none).
 */
export const contactPhones = (db: Db, contactId: Expression<string | null>) =>
  isSqlite(db)
    ? sql<string | null>`(select group_concat(value, ' ') from (select value from contact_channels
        where contact_id = ${contactId} and kind = 'phone' order by id))`
    : sql<string | null>`(select string_agg(value, ' ' order by id) from contact_channels
        where contact_id = ${contactId} and kind = 'phone')`;

export const contactsRepo = {
  /** Every ticket filed with a contact reads it: compiled once (see compiledOnce). */
  byId: async (db: Db, id: string) => {
    const rows = await compiledOnce(db, "contacts.byId", { id }, (slot) =>
      db.selectFrom("contacts").selectAll().where("id", "=", slot("id")),
    );
    return rows[0];
  },
  /**
   * The contact's owner and e-mail, to designate it as a billing contact. `lock` (PostgreSQL) holds the
   * row until the caller's transaction ends, so a concurrent removal of its e-mail waits and then sees
   * the designation (and clears it) instead of slipping in between the check and the write.
   */
  billingCandidate: (db: Db, id: string, lock: boolean) =>
    db
      .selectFrom("contacts")
      .select(["id", "client_id", "email"])
      .where("id", "=", id)
      .$if(lock, (q) => q.forShare())
      .executeTakeFirst(),
  insert: (db: Db, row: ContactRow) => db.insertInto("contacts").values(row).execute(),
  /** Writes only if the row is still at `version` (and bumps it); false when someone else wrote first. */
  update: (db: Db, id: string, version: number, patch: Partial<ContactRow>) =>
    updateAtVersion(db, "contacts", id, version, patch),
  list: (db: Db, f: { clientId?: string; terms: string[]; limit: number }) => {
    let q = db.selectFrom("contacts").selectAll().orderBy("name").limit(f.limit);
    if (f.clientId) q = q.where("client_id", "=", f.clientId);
    for (const p of likePatterns(f.terms)) q = q.where("search_text", "like", p);
    return q.execute();
  },
  /** Contacts by e-mail or phone, matching the normalised value exactly. */
  byChannel: (db: Db, kind: "email" | "phone", value: string) =>
    db
      .selectFrom("contacts")
      .innerJoin("contact_channels", "contact_channels.contact_id", "contacts.id")
      .selectAll("contacts")
      .distinct()
      .where("contact_channels.kind", "=", kind)
      .where("contact_channels.value", "=", value)
      // The same contacts in the same order every time (several may share a line or an address).
      .orderBy("contacts.name")
      .orderBy("contacts.id")
      .limit(20)
      .execute(),
  /**
   * Contacts with a phone that starts with these digits (the intake lookup as the caller dictates them)
   * or ends with them (a number stored with its area code, dialled without it). The start is a range of
   * the (kind, value) index, not `LIKE 'x%'`: SQLite's LIKE is case-insensitive and PostgreSQL's needs
   * the C collation to use an index. The ending is `LIKE '%x'`, read from the same index.
   */
  byPhonePart: (db: Db, digits: string) => {
    const above = digitsAbove(digits);
    return db
      .selectFrom("contacts")
      .innerJoin("contact_channels", "contact_channels.contact_id", "contacts.id")
      .selectAll("contacts")
      .distinct()
      .where("contact_channels.kind", "=", "phone")
      .where((eb) =>
        eb.or([
          eb.and([
            eb("contact_channels.value", ">=", digits),
            ...(above === null ? [] : [eb("contact_channels.value", "<", above)]),
          ]),
          eb("contact_channels.value", "like", `%${digits}`),
        ]),
      )
      .orderBy("contacts.name")
      .orderBy("contacts.id")
      .limit(20)
      .execute();
  },
  channels: (db: Db, contactIds: string[]) =>
    contactIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("contact_channels")
          .selectAll()
          .where("contact_id", "in", contactIds)
          .orderBy("id")
          .execute(),
  replaceChannels: async (
    db: Db,
    contactId: string,
    channels: { kind: ContactChannelKind; value: string }[],
  ) => {
    await db.deleteFrom("contact_channels").where("contact_id", "=", contactId).execute();
    if (channels.length) {
      await db
        .insertInto("contact_channels")
        .values(channels.map((c) => ({ contact_id: contactId, kind: c.kind, value: c.value })))
        .execute();
    }
  },
};

/** Contracts with their type's name and their client's (what a contract answer shows). */
const withNames = (db: Db) =>
  db
    .selectFrom("contracts")
    .innerJoin("contract_types", "contract_types.code", "contracts.type")
    .innerJoin("clients", "clients.id", "contracts.client_id")
    .selectAll("contracts")
    .select(["contract_types.name as type_name", "clients.name as client_name"]);

export const contractsRepo = {
  byId: (db: Db, id: string) => withNames(db).where("contracts.id", "=", id).executeTakeFirst(),
  list: (db: Db, clientId?: string) => {
    let q = withNames(db).orderBy("contracts.starts_on", "desc");
    if (clientId) q = q.where("contracts.client_id", "=", clientId);
    return q.execute();
  },
  /** Contracts of a client in force on a local date (YYYY-MM-DD), newest first (every intake asks). */
  activeOn: (db: Db, clientId: string, date: string) =>
    compiledOnce(db, "contracts.activeOn", { clientId, date }, (slot) =>
      inForce(
        db
          .selectFrom("contracts")
          .selectAll("contracts")
          // Which categories its type covers: which of them is the contract of a request (coveringContract).
          .select((eb) =>
            eb
              .selectFrom("contract_types")
              .select("contract_types.covered_categories")
              .whereRef("contract_types.code", "=", "contracts.type")
              .as("covered_categories"),
          ),
        slot("clientId"),
        slot("date"),
      ),
    ),
  /** Of these clients, the types of their contracts in force on the date (one statement for all). */
  typesActiveOn: async (
    db: Db,
    clientIds: string[],
    date: string,
  ): Promise<{ client_id: string; type: string }[]> => {
    return db
      .selectFrom("contracts")
      .select(["client_id", "type"])
      .distinct()
      .where("client_id", "in", clientIds)
      .where("cancelled_at", "is", null)
      .where("starts_on", "<=", date)
      .where((eb) => eb.or([eb("ends_on", "is", null), eb("ends_on", ">=", date)]))
      .orderBy("client_id")
      .orderBy("type")
      .execute();
  },
  insert: (db: Db, row: ContractRow) => db.insertInto("contracts").values(row).execute(),
  /** Writes only if the row is still at `version` (and bumps it); false when someone else wrote first. */
  update: (db: Db, id: string, version: number, patch: Partial<ContractRow>) =>
    updateAtVersion(db, "contracts", id, version, patch),
  types: (db: Db) => db.selectFrom("contract_types").selectAll().orderBy("code").execute(),
  typeByCode: (db: Db, code: string) =>
    db.selectFrom("contract_types").selectAll().where("code", "=", code).executeTakeFirst(),
  upsertType: (db: Db, t: { code: string; name: string; active: number }) =>
    db
      .insertInto("contract_types")
      .values(t)
      .onConflict((oc) => oc.column("code").doUpdateSet({ name: t.name, active: t.active }))
      .execute(),
  /** Writes a type's coverage only while it is at `version` (and bumps it); false when someone wrote first. */
  setTypeCoverage: async (db: Db, code: string, version: number, coveredCategories: string | null) => {
    const r = await db
      .updateTable("contract_types")
      .set({ covered_categories: coveredCategories, version: version + 1 })
      .where("code", "=", code)
      .where("version", "=", version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
