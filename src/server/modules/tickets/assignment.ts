import { rankCandidates } from "../../../domain/assignment.js";
import type { Actor, AppContext } from "../../context.js";
import { clientsRepo } from "../clients/repository.js";
import { categoryNameOf } from "../settings/settings.js";
import { toUser, usersRepo } from "../users/repository.js";
import { assertMayReassign, requireVisible } from "./policy.js";
import { ticketsRepo } from "./repository.js";

// The queries group by assignee and skip unassigned rows; the type still allows null, so it is filtered here.
const countsById = (rows: { assignee_id: string | null; n: number }[]) =>
  new Map(rows.flatMap((r) => (r.assignee_id === null ? [] : [[r.assignee_id, Number(r.n)] as const])));

/**
 * Technicians ranked for one ticket, with the reasons reception sees in the assign dialog. The ticket
 * itself counts in nobody's load nor history (its holder would otherwise look busier and more
 * experienced with the client for having it), and its holder comes last, marked `current`: handing a
 * ticket to whoever has it is refused, so that person is never the one recommended.
 */
export async function assignmentCandidates(ctx: AppContext, actor: Actor, ticketId: string) {
  assertMayReassign(actor);
  const ticket = requireVisible(actor, await ticketsRepo.byId(ctx.db, ticketId));
  const client = await clientsRepo.byId(ctx.db, ticket.client_id);
  const [users, load, withClient, inCategory] = await Promise.all([
    usersRepo.list(ctx.db),
    ticketsRepo.openLoadByAssignee(ctx.db, ticket.id),
    ticketsRepo.historyWithClient(ctx.db, ticket.client_id, ticket.id),
    ticket.category ? ticketsRepo.pastCategoryWork(ctx.db, ticket.category, ticket.id) : Promise.resolve([]),
  ]);
  const [loadBy, clientBy, categoryBy] = [countsById(load), countsById(withClient), countsById(inCategory)];
  const technicians = users
    .map(toUser)
    .filter((u) => u.active && u.roles.some((r) => r === "technician" || r === "senior"));
  const ranked = rankCandidates(
    technicians.map((u) => ({
      id: u.id,
      name: u.name,
      skills: u.skills,
      openTickets: loadBy.get(u.id) ?? 0,
      ticketsWithClient: clientBy.get(u.id) ?? 0,
      ticketsInCategory: categoryBy.get(u.id) ?? 0,
      isAccountTechnician: client?.account_technician_id === u.id,
    })),
    ticket.category,
  );
  const byId = new Map(technicians.map((u) => [u.id, u]));
  // People read the category's name, not its code (`soporte` → "Soporte técnico").
  const categoryName = ticket.category
    ? ((await categoryNameOf(ctx, ticket.category)) ?? ticket.category)
    : null;
  const holderLast = [
    ...ranked.filter((r) => r.id !== ticket.assignee_id),
    ...ranked.filter((r) => r.id === ticket.assignee_id),
  ];
  return holderLast.map((r) => ({
    user: { id: r.id, name: r.name, skills: byId.get(r.id)?.skills ?? [] },
    score: r.score,
    openTickets: loadBy.get(r.id) ?? 0,
    reasons: r.reasons.map((reason) =>
      categoryName && "category" in reason.params
        ? { ...reason, params: { ...reason.params, category: categoryName } }
        : reason,
    ),
    current: ticket.assignee_id === r.id,
  }));
}
