/**
 * A contact's portal account signs in with the contact's e-mail. When staff change that address (the
 * person left, the mailbox changed), the old mailbox must stop getting sign-in links and the sessions
 * it opened must end; the account moves to the new address, or is disabled when there is none.
 */
import type { Kysely } from "kysely";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import { onDuplicate } from "../../platform/database/duplicates.js";
import type { DB } from "../../platform/database/schema.js";
import { portalUsersRepo } from "../../platform/database/staff-repository.js";
import { conflict, forbidden } from "../../platform/errors.js";
import { usersRepo } from "../users/repository.js";
import { mayMovePortalAddress } from "./policy.js";
import { queueOldAddressNotice } from "./portal-address-notice.js";

type Db = Kysely<DB>;

/**
 * Before the contact's update, when its e-mail changes and it has a portal account:
 * - only those who invite to the portal move (or clear) the account's sign-in address (403 to a
 *   technician or senior, who may edit the rest of the contact): whoever sets it gets the next sign-in
 *   link, and with it the client's view of its tickets, its service orders and its surveys;
 * - a new address that is another account's sign-in is refused (409): the account could not move to it.
 */
export async function checkPortalAddressChange(
  db: Db,
  actor: Actor,
  contactId: string,
  email: string | null,
) {
  const account = await portalUsersRepo.ofContact(db, contactId);
  if (!account || account.email === email) return;
  if (account.active === 1 && !mayMovePortalAddress(actor))
    throw forbidden("contact.portal_address_granters_only", {}, { field: "email" });
  if (!email) return;
  const holder = await usersRepo.byEmail(db, email);
  if (holder && holder.id !== account.id) throw conflict("portal_user.email_taken", {}, { field: "email" });
}

/**
 * In the contact update's transaction, when its primary e-mail changed from `before` to `after`; an
 * account that could sign in is told at its old address (portal-address-notice.ts).
 */
export async function followContactAddress(
  ctx: AppContext,
  trx: Db,
  change: { contactId: string; before: string | null; after: string | null },
  actorId: string,
  now: string,
) {
  if (change.before === change.after) return;
  const account = await portalUsersRepo.ofContact(trx, change.contactId);
  if (!account) return;
  await portalUsersRepo.endAccess(trx, account.id, now);
  const patch = change.after ? { email: change.after } : { active: 0 as const };
  // checkPortalAddressChange looked before the transaction: a user created at that address since loses
  // nothing, this update is refused (409) and rolled back with the contact's change.
  await onDuplicate(portalUsersRepo.setAddress(trx, account.id, patch, now), () =>
    conflict("portal_user.email_taken", {}, { field: "email" }),
  );
  await auditRepo.record(trx, {
    entity: "user",
    entityId: account.id,
    at: now,
    actorId,
    action: change.after ? "portal_address_moved" : "portal_disabled_no_address",
    changes: { from: account.email, to: change.after, contactId: change.contactId },
  });
  if (account.active === 1) await queueOldAddressNotice(ctx, trx, account, change.after);
}
