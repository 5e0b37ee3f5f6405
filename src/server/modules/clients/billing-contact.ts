/**
 * The client's billing contact: the one who receives the issued invoices by e-mail (issue #14 item 7).
 * It must be one of the client's contacts and have an e-mail; a contact whose e-mail is removed stops
 * being it (and a contact deleted from the database clears it by its foreign key, migration 023).
 */
import type { Transaction } from "kysely";
import type { AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import type { DB } from "../../platform/database/schema.js";
import { AppError } from "../../platform/errors.js";
import { type ContactRow, clientsRepo, contactsRepo } from "./repository.js";

const refused = (code: "billing_contact_not_of_client" | "billing_contact_without_email") =>
  new AppError(code, `client.${code}`, {}, { field: "billingContactId" });

/**
 * Refuses (422) a billing contact of another client (or none at all) or without an e-mail. Run in the
 * transaction that writes the designation: on PostgreSQL the contact row stays locked until it commits.
 */
export async function checkBillingContact(
  ctx: AppContext,
  trx: Transaction<DB>,
  clientId: string,
  contactId: string | null | undefined,
): Promise<void> {
  if (!contactId) return;
  const contact = await contactsRepo.billingCandidate(trx, contactId, ctx.dialect === "postgres");
  if (!contact || contact.client_id !== clientId) throw refused("billing_contact_not_of_client");
  if (!contact.email) throw refused("billing_contact_without_email");
}

/** The contact's e-mail was removed: if it was its client's billing contact, the client names none now. */
export async function dropAsBillingContact(
  trx: Transaction<DB>,
  contact: Pick<ContactRow, "id" | "client_id">,
  actorId: string,
  now: string,
): Promise<void> {
  if (!(await clientsRepo.clearBillingContact(trx, contact.client_id, contact.id, now))) return;
  await auditRepo.record(trx, {
    entity: "client",
    entityId: contact.client_id,
    at: now,
    actorId,
    action: "update",
    changes: { billingContactId: null },
  });
}
