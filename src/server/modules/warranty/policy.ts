import type { Actor } from "../../context.js";
import { hasRole, requireRole, requireStaff } from "../../platform/authz.js";
import { forbidden } from "../../platform/errors.js";
import { requireVisible } from "../tickets/policy.js";
import type { TicketRow } from "../tickets/repository.js";

/**
 * Who may do what with warranty cases and loaners (SPEC §2, seed §1.1):
 * - see a ticket's warranty and loans: staff who see the ticket (technicians only their own tickets);
 *   a client contact gets 404 for another company's ticket, like a missing one, and 403 for its own;
 * - record or edit a warranty case, lend and take back a loaner on a ticket: the people who work it —
 *   technicians on the tickets assigned to them, seniors, leaders, reception and admins. Ventas sees
 *   but does not handle; client contacts never write (403 on their own company's tickets);
 * - keep the loaner inventory (add, edit, retire): leaders, seniors and admins; every staff member
 *   sees it and the overdue list (reception chases overdue loans by phone);
 * - the warranty execution fee setting: admins change it, staff read it.
 */
const HANDLERS = ["technician", "senior", "leader", "reception", "admin"] as const;

export const warrantyPolicy = {
  /** The ticket, if the actor may see it (404 for another company's, 403 for someone else's technician ticket). */
  viewTicket<T extends TicketRow>(actor: Actor, ticket: T | undefined): T {
    const row = requireVisible(actor, ticket);
    requireStaff(actor);
    return row;
  },
  handleTicket<T extends TicketRow>(actor: Actor, ticket: T | undefined): T {
    const row = requireVisible(actor, ticket);
    if (!hasRole(actor, ...HANDLERS)) throw forbidden();
    return row;
  },
  viewInventory(actor: Actor): void {
    requireStaff(actor);
  },
  manageInventory(actor: Actor): void {
    requireRole(actor, "leader", "senior");
  },
  editSettings(actor: Actor): void {
    requireRole(actor);
  },
};
