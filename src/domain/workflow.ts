/**
 * The service-order workflow of the seed (§5 "Entrega del Servicio") as a pure decision:
 * given a ticket's state, the actor and the requested action, either the next status or a refusal.
 */
import { type Coded, coded, type MessageParams } from "./messages.js";

export const TICKET_STATUSES = [
  "new",
  "assigned",
  "in_progress",
  "attended",
  "reviewed",
  "closed",
  "cancelled",
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TRANSITION_ACTIONS = [
  "assign",
  "start",
  "attend",
  "accept",
  "reject",
  "review",
  "send_back",
  "close",
  "cancel",
] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

export const ROLES = ["reception", "technician", "senior", "leader", "sales", "admin", "client"] as const;
export type Role = (typeof ROLES)[number];

export interface WorkflowActor {
  id: string;
  roles: readonly Role[];
  clientId: string | null;
}

export interface WorkflowTicket {
  status: TicketStatus;
  clientId: string;
  assigneeId: string | null;
  timeEntryCount: number;
  accepted: boolean;
}

export interface TransitionRequest {
  action: TransitionAction;
  reason?: string | undefined;
  signerName?: string | undefined;
  assigneeId?: string | undefined;
}

export type Refusal = {
  ok: false;
  code: "forbidden" | "invalid_transition" | "precondition_failed" | "reason_required";
  /** Why, for a person: `workflow.*` code and parameters (rendered by the caller's language). */
  message: Coded;
};
export type Decision = { ok: true; to: TicketStatus; acceptanceOverride: boolean } | Refusal;

const FROM: Record<TransitionAction, readonly TicketStatus[]> = {
  assign: ["new", "assigned", "in_progress"],
  start: ["assigned"],
  attend: ["in_progress"],
  accept: ["attended"],
  reject: ["attended"],
  review: ["attended"],
  send_back: ["attended", "reviewed"],
  close: ["reviewed"],
  cancel: ["new", "assigned"],
};

export const STATUS_LABELS_ES: Record<TicketStatus, string> = {
  new: "Nuevo",
  assigned: "Asignado",
  in_progress: "En progreso",
  attended: "Atendido",
  reviewed: "Revisado",
  closed: "Cerrado",
  cancelled: "Cancelado",
};

const refuse = (code: Refusal["code"], text: string, params: MessageParams = {}): Refusal => ({
  ok: false,
  code,
  message: coded(text, params),
});
const has = (actor: WorkflowActor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));
const isStaff = (actor: WorkflowActor) => actor.roles.some((r) => r !== "client");
const isOwnClient = (actor: WorkflowActor, t: WorkflowTicket) =>
  has(actor, "client") && actor.clientId !== null && actor.clientId === t.clientId;
const isAssigneeOrSenior = (actor: WorkflowActor, t: WorkflowTicket) =>
  has(actor, "senior", "admin") || (has(actor, "technician") && t.assigneeId === actor.id);

/** Who may ask for each action, regardless of status. */
function allowed(action: TransitionAction, actor: WorkflowActor, t: WorkflowTicket): boolean {
  switch (action) {
    case "assign":
      return has(actor, "reception", "leader", "admin");
    case "start":
    case "attend":
      return isAssigneeOrSenior(actor, t);
    case "accept":
    case "reject":
      // The client accepts in the portal, or the technician records it on site (SPEC §3 step 5).
      return isOwnClient(actor, t) || isAssigneeOrSenior(actor, t);
    case "review":
    case "send_back":
      return has(actor, "senior", "admin");
    case "close":
      return has(actor, "leader", "admin");
    case "cancel":
      return has(actor, "reception", "leader", "admin");
  }
}

function preconditions(req: TransitionRequest, actor: WorkflowActor, t: WorkflowTicket): Refusal | null {
  const reason = req.reason?.trim() ?? "";
  switch (req.action) {
    case "assign":
      return req.assigneeId ? null : refuse("precondition_failed", "workflow.assignee_required");
    case "attend":
      return t.timeEntryCount > 0 ? null : refuse("precondition_failed", "workflow.time_entry_required");
    case "accept":
      // Staff record an on-site acceptance; the signer's name is the evidence.
      return isStaff(actor) && !req.signerName?.trim()
        ? refuse("precondition_failed", "workflow.signer_required")
        : null;
    case "review":
      return t.accepted || reason ? null : refuse("precondition_failed", "workflow.acceptance_missing");
    case "reject":
    case "send_back":
    case "cancel":
      return reason ? null : refuse("reason_required", "workflow.reason_required");
    default:
      return null;
  }
}

const TARGET: Record<TransitionAction, TicketStatus | "same"> = {
  assign: "same",
  start: "in_progress",
  attend: "attended",
  accept: "same",
  reject: "in_progress",
  review: "reviewed",
  send_back: "in_progress",
  close: "closed",
  cancel: "cancelled",
};

/**
 * The client's answer to the service order is given once: after an acceptance, another accept would
 * replace who signed and when, and a reject would erase it (the portal refuses both alike). Work to
 * redo goes back through the review (send_back, with its reason).
 */
const answered = (action: TransitionAction, t: WorkflowTicket) =>
  (action === "accept" || action === "reject") && t.accepted;

export function decideTransition(req: TransitionRequest, actor: WorkflowActor, t: WorkflowTicket): Decision {
  if (!allowed(req.action, actor, t)) {
    return refuse("forbidden", "workflow.forbidden");
  }
  if (!FROM[req.action].includes(t.status)) {
    return refuse("invalid_transition", "workflow.invalid_transition", {
      action: req.action,
      status: t.status,
    });
  }
  if (answered(req.action, t)) return refuse("invalid_transition", "workflow.already_accepted");
  const failed = preconditions(req, actor, t);
  if (failed) return failed;
  const target = TARGET[req.action];
  const to =
    target === "same" ? (req.action === "assign" && t.status === "new" ? "assigned" : t.status) : target;
  return { ok: true, to, acceptanceOverride: req.action === "review" && !t.accepted };
}

/** Actions the actor could take now, for the UI to offer only what the server would accept. */
export function availableActions(actor: WorkflowActor, t: WorkflowTicket): TransitionAction[] {
  return TRANSITION_ACTIONS.filter(
    (action) => FROM[action].includes(t.status) && !answered(action, t) && allowed(action, actor, t),
  );
}
