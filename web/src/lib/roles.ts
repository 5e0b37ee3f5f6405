import type { Role } from "../contract";
import type { MessageKey } from "../i18n";

export interface NavItem {
  to: string;
  label: MessageKey;
  roles: readonly Role[];
  admin?: boolean;
}

const STAFF: Role[] = ["reception", "technician", "senior", "leader", "sales", "admin"];

/** Navigation by role: each screen is offered only to the roles whose work it is. */
export const NAV: NavItem[] = [
  { to: "/intake", label: "nav.intake", roles: ["reception", "admin"] },
  { to: "/dashboard", label: "nav.dashboard", roles: ["leader", "senior", "admin"] },
  { to: "/queue", label: "nav.queue", roles: ["reception", "leader", "admin"] },
  { to: "/mine", label: "nav.mine", roles: ["technician", "senior"] },
  { to: "/review", label: "nav.review", roles: ["senior", "admin"] },
  { to: "/closing", label: "nav.closing", roles: ["leader", "admin"] },
  { to: "/surveys", label: "nav.surveys", roles: ["reception", "admin"] },
  { to: "/reports", label: "nav.reports", roles: ["leader", "senior", "technician", "admin"] },
  { to: "/contracts", label: "nav.contracts", roles: ["leader", "sales", "admin"] },
  { to: "/clients", label: "nav.clients", roles: ["reception", "leader", "sales", "admin"] },
  { to: "/credit", label: "nav.credit", roles: ["sales", "leader", "reception", "admin"] },
  { to: "/rfc-review", label: "nav.rfcReview", roles: ["sales", "leader", "reception", "admin"] },
  { to: "/loaners", label: "nav.loaners", roles: STAFF },
  { to: "/billing", label: "nav.billing", roles: ["leader", "admin"] },
  { to: "/rates", label: "nav.rates", roles: ["sales", "leader", "admin"] },
  { to: "/search", label: "nav.search", roles: STAFF },
  { to: "/admin/users", label: "nav.users", roles: ["admin"], admin: true },
  { to: "/admin/calendar", label: "nav.calendar", roles: ["admin"], admin: true },
  { to: "/admin/sla", label: "nav.sla", roles: ["admin"], admin: true },
  { to: "/admin/categories", label: "nav.categories", roles: ["admin"], admin: true },
  { to: "/admin/contract-types", label: "nav.contractTypes", roles: ["admin"], admin: true },
  { to: "/admin/tasks", label: "nav.tasks", roles: ["admin"], admin: true },
  { to: "/admin/company", label: "nav.company", roles: ["admin"], admin: true },
  { to: "/admin/backups", label: "nav.backups", roles: ["admin"], admin: true },
  { to: "/admin/outbox", label: "nav.outbox", roles: ["admin"], admin: true },
  { to: "/admin/warranty-fee", label: "nav.warrantyFee", roles: ["admin"], admin: true },
  { to: "/admin/tax", label: "nav.tax", roles: ["admin"], admin: true },
];

export function hasRole(roles: readonly Role[] | undefined, ...wanted: Role[]): boolean {
  return !!roles && wanted.some((r) => roles.includes(r));
}

export function navFor(roles: readonly Role[]): NavItem[] {
  return NAV.filter((item) => hasRole(roles, ...item.roles));
}

export function canOpen(path: string, roles: readonly Role[]): boolean {
  const item = NAV.find((n) => path === n.to || path.startsWith(`${n.to}/`));
  return !item || hasRole(roles, ...item.roles);
}

const TICKET_LISTS = [
  { to: "/queue", label: "ticket.notFound.toQueue" },
  { to: "/mine", label: "ticket.notFound.toMine" },
  { to: "/search", label: "ticket.notFound.toSearch" },
] as const satisfies { to: string; label: MessageKey }[];

/** Where this user finds tickets: the queue for those who dispatch, their own for technicians, else search. */
export function ticketListFor(roles: readonly Role[]): (typeof TICKET_LISTS)[number] {
  return TICKET_LISTS.find((list) => canOpen(list.to, roles)) ?? TICKET_LISTS[2];
}

/** Client contacts never use the staff app (their shapes lack staff fields): they get a notice instead. */
export function isStaffUser(roles: readonly Role[]): boolean {
  return hasRole(roles, ...STAFF);
}

export function homeFor(roles: readonly Role[]): string {
  // Reception answers the phone: the intake, where a call is taken, not the queue a click away from it.
  if (hasRole(roles, "reception")) return "/intake";
  // A senior's day starts with the work waiting for review; their own tickets are a click away.
  if (hasRole(roles, "senior")) return "/review";
  if (hasRole(roles, "technician")) return "/mine";
  if (hasRole(roles, "leader")) return "/dashboard";
  if (hasRole(roles, "admin")) return "/queue";
  // Sales keeps the pólizas (SPEC §2): their day starts there, not in a ticket search.
  if (hasRole(roles, "sales")) return "/contracts";
  return "/search";
}
