/**
 * Notification preferences are each staff member's own (which mails they want); client contacts
 * have none here (the portal's mails follow the ticket).
 */
import type { Actor } from "../../context.js";
import { requireStaff } from "../../platform/authz.js";

export const assertMayEditOwnNotificationPrefs = (actor: Actor) => requireStaff(actor);
