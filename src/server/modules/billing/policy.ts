/** Who may do what with money (issue #14 item 11): leaders and admins bill, Ventas sets rates. */
import type { Actor } from "../../context.js";
import { requireRole } from "../../platform/authz.js";

/** Runs, drafts, issuing, export, import, payments, cancellations, the hour bank. */
export const requireBiller = (actor: Actor) => requireRole(actor, "leader");
/** The price list: Ventas writes it (admins too). */
export const requireRateSetter = (actor: Actor) => requireRole(actor, "sales");
/** Reading the price list: who sets it and who bills with it. */
export const requireRateReader = (actor: Actor) => requireRole(actor, "sales", "leader");
/** One ticket's rate override, with a reason: Ventas or a leader. */
export const requireRateOverrider = (actor: Actor) => requireRole(actor, "sales", "leader");
/** A contract's hour bank: leaders and Ventas (admins too). */
export const requireHourBankReader = (actor: Actor) => requireRole(actor, "leader", "sales");
/** Billing settings (tax rate, terms): admins only. */
export const requireBillingAdmin = (actor: Actor) => requireRole(actor);
