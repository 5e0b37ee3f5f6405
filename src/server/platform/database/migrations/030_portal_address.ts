import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * A portal account now signs in only at its contact's current e-mail (clients/contact-portal-access.ts).
 * Before, changing a contact's address left the account at the old one: each such account moves to
 * the contact's address when no other user holds it; one that cannot (no address, or taken) is
 * disabled, which staff see and re-invite from. One at a time, so two cannot race for one address.
 */
async function up(db: AnyDb): Promise<void> {
  const stale = await db
    .selectFrom("users as u")
    .innerJoin("contacts as c", "c.id", "u.contact_id")
    .select(["u.id", "c.email as contact_email"])
    .where("u.roles", "=", '["client"]')
    .where((eb) => eb.or([eb("c.email", "is", null), eb("c.email", "!=", eb.ref("u.email"))]))
    .execute();
  for (const account of stale) {
    const address: string | null = account.contact_email;
    const holder = address
      ? await db.selectFrom("users").select("id").where("email", "=", address).executeTakeFirst()
      : undefined;
    const patch = address && !holder ? { email: address } : { active: 0 };
    await db.updateTable("users").set(patch).where("id", "=", account.id).execute();
    await db.deleteFrom("portal_sessions").where("user_id", "=", account.id).execute();
  }
}

export const portalAddressMigration: Migration = { up };
