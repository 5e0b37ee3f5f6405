/**
 * Who may record work on a ticket (SPEC §2): time entries and charges by the technician it is
 * assigned to, seniors and admins; charges also by leaders and Ventas; time on another technician's
 * behalf by seniors and admins. A client contact only writes plain messages (no internal notes).
 * A time entry is corrected or removed by the technician it is for, or by a senior or admin.
 */
import type { Actor } from "../../context.js";
import { hasRole, isStaff } from "../../platform/authz.js";
import { mayWorkOn } from "../tickets/policy.js";

export { mayWorkOn };
/** Charges on any ticket they see, without working it. */
export const mayChargeAnyTicket = (actor: Actor) => hasRole(actor, "leader", "sales");
/** Time recorded in another technician's name. */
export const mayRecordForAnother = (actor: Actor) => hasRole(actor, "senior", "admin");
/** Messages of this kind (`message`, `note`…): staff any, a client contact plain messages only. */
export const mayWriteKind = (actor: Actor, kind: string) => isStaff(actor) || kind === "message";
/** Corrects or removes this time entry: the technician whose time it is, or a senior or admin. */
export const mayCorrectEntry = (actor: Actor, entry: { user_id: string; created_by: string }) =>
  hasRole(actor, "senior", "admin") || entry.user_id === actor.id || entry.created_by === actor.id;
