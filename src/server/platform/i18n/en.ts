import type { ServerMessageKey } from "./es.js";

/** English texts for users whose locale is `en` (and anonymous callers asking for English). */
export const en: Record<ServerMessageKey, string> = {
  "workflow.forbidden": "Your role does not allow this action on this ticket.",
  "workflow.invalid_transition":
    "A ticket in status “{status, select, new {New} assigned {Assigned} in_progress {In progress} attended {Attended} reviewed {Reviewed} closed {Closed} cancelled {Cancelled} other {{status}}}” cannot be {action, select, assign {assigned} start {started} attend {marked as attended} accept {accepted} reject {rejected} review {reviewed} send_back {sent back} close {closed} cancel {cancelled} other {{action}}}.",
  "workflow.assignee_required": "Name the technician to assign (assigneeId).",
  "workflow.time_entry_required": "Record at least one time entry before marking the ticket as attended.",
  "workflow.signer_required": "Name the person signing the on-site acceptance (signerName).",
  "workflow.acceptance_missing":
    "The client has not accepted the service order; to review without acceptance, give a reason.",
  "workflow.reason_required": "This action requires a reason.",
  "assign.reason.skill": "Skilled in “{category}”",
  "assign.reason.account_technician": "Account technician for this client",
  "assign.reason.client_history":
    "Has handled {count, plural, one {# ticket} other {# tickets}} for this client",
  "assign.reason.category_history":
    "Experience: {count, plural, one {# ticket} other {# tickets}} in “{category}” resolved",
  "assign.reason.no_load": "No open tickets",
  "assign.reason.load": "Current load: {count, plural, one {# open ticket} other {# open tickets}}",
  "notification.sla_breached": "{folio} passed its response deadline without attention: {title}",
  "notification.sla_near": "{folio} is close to its response deadline: {title}",
  "notification.assigned": "{by} assigned {folio} to you: {title}",
  "notification.legacy": "{text}",
  "error.unauthenticated": "Sign in to continue.",
  "error.session_expired": "Your session expired. Sign in again.",
  "error.login_throttled":
    "Too many attempts. Try again in {minutes, plural, one {# minute} other {# minutes}}.",
  "error.login_throttled_seconds": "Too many attempts. Try again in a few seconds.",
  "error.rate_limited":
    "Too many requests. Try again in {seconds, plural, one {# second} other {# seconds}}.",
};
