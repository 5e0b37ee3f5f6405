import type { PortalUser } from "../../../contract/staff.js";
import { normalizeEmail } from "../../../domain/text.js";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import { onDuplicate } from "../../platform/database/duplicates.js";
import { portalUsersRepo } from "../../platform/database/staff-repository.js";
import { stillThere } from "../../platform/database/still-there.js";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { type ContactRow, clientsRepo, contactsRepo } from "../clients/repository.js";
import { sendLink } from "../portal/auth.js";
import { assertMayInvitePortalUsers } from "./policy.js";
import { rolesOf, type UserRow, usersRepo } from "./repository.js";

function toPortalUser(row: UserRow): PortalUser {
  const status = row.active !== 1 ? "disabled" : row.password_hash === null ? "invited" : "active";
  return {
    id: row.id,
    contactId: row.contact_id,
    email: row.email,
    name: row.name,
    status,
    invitedAt: row.invited_at,
  };
}

export async function listPortalUsers(ctx: AppContext, actor: Actor, clientId: string) {
  assertMayInvitePortalUsers(actor);
  if (!(await clientsRepo.byIdForPeople(ctx.db, clientId))) throw notFound("client");
  return (await portalUsersRepo.ofClient(ctx.db, clientId)).map(toPortalUser);
}

/** Another person's account with that e-mail (staff, or another company's contact) is never taken over. */
function checkReusable(existing: UserRow, clientId: string): void {
  const roles = rolesOf(existing);
  if (roles.length !== 1 || roles[0] !== "client" || existing.client_id !== clientId) {
    throw conflict("portal_user.email_taken", {}, { field: "email" });
  }
}

/** Writes the portal account (new, or the existing one re-activated) and its audit row. */
async function writeInvitation(
  ctx: AppContext,
  actor: Actor,
  contact: ContactRow,
  existing: UserRow | undefined,
) {
  // The caller has refused a contact without e-mail (a 400) before inviting it.
  const email = normalizeEmail(contact.email ?? "");
  const now = ctx.clock().toISOString();
  const id = existing?.id ?? newId();
  await ctx.db.transaction().execute(async (trx) => {
    if (existing) {
      await usersRepo.update(trx, id, {
        email, // the contact's own account re-invited at its current address (it may have changed)
        active: 1,
        contact_id: contact.id,
        invited_at: now,
        updated_at: now,
      });
    } else {
      await usersRepo.insert(trx, {
        id,
        email,
        name: contact.name,
        password_hash: null,
        roles: JSON.stringify(["client"]),
        skills: "[]",
        client_id: contact.client_id,
        contact_id: contact.id,
        invited_at: now,
        locale: "es-MX",
        active: 1,
        created_at: now,
        updated_at: now,
        version: 1,
      });
    }
    await auditRepo.record(trx, {
      entity: "user",
      entityId: id,
      at: now,
      actorId: actor.id,
      action: existing ? "portal_reinvite" : "portal_invite",
      changes: { email, contactId: contact.id, clientId: contact.client_id },
    });
  });
  return id;
}

/**
 * Creates (or re-activates) the portal account of a contact: role `client`, no password; mails the
 * invitation with a first sign-in link (later ones the contact asks for at /portal).
 */
export async function invitePortalUser(ctx: AppContext, actor: Actor, contactId: string) {
  assertMayInvitePortalUsers(actor);
  const contact = await contactsRepo.byId(ctx.db, contactId);
  if (!contact) throw notFound("contact");
  if (!contact.email)
    throw new AppError("precondition_failed", "portal_user.contact_without_email", {}, { field: "email" });
  // The contact's own account first (disabled when its address went away), else one at this address.
  const own = await portalUsersRepo.ofContact(ctx.db, contact.id);
  const holder = await usersRepo.byEmail(ctx.db, normalizeEmail(contact.email));
  if (holder && holder.id !== own?.id) {
    if (own) throw conflict("portal_user.email_taken", {}, { field: "email" });
    checkReusable(holder, contact.client_id);
  }
  const existing = own ?? holder;
  // A concurrent invitation of the same e-mail loses on the unique index: a clear 409, not a 500.
  const id = await onDuplicate(writeInvitation(ctx, actor, contact, existing), () =>
    conflict("portal_user.email_taken", {}, { field: "email" }),
  );
  const account = stillThere(await usersRepo.byId(ctx.db, id), "user");
  // The invitation itself: what the portal is, and a first link that waits days to be opened.
  await sendLink(ctx, account, "invite");
  return toPortalUser(account);
}
