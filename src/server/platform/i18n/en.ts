import { inputEn } from "../../../contract/i18n/en.js";
import { enErrors } from "./errors-en.js";
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
  "workflow.already_accepted":
    "The service order has already been accepted; if the work must be redone, a senior technician can send the ticket back with a reason.",
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
  "notification.sent_back": "{by} sent {folio} back to you: {title}. Reason: {reason}",
  "notification.client_rejected": "{by} rejected the service order of {folio}: {title}. Reason: {reason}",
  "notification.client_rejected_unnamed":
    "The client rejected the service order of {folio}: {title}. Reason: {reason}",
  "mail.portal_address.moved":
    "From now on your {company} client portal account signs in with {to}, no longer with this address.",
  "mail.portal_address.call":
    "If you did not ask for this change, {how, select, phone {call {company} at {contact}} email {write to {company} at {contact}} other {contact {company}}} about it.",
  "mail.attachment.attached": "It is attached to this e-mail.",
  "mail.attachment.linked": "It is too large to e-mail: download it from your request in the client portal.",
  "mail.attachment.ask":
    "It is too large to e-mail: if you need it, reply to this e-mail and we will get it to you another way.",
  "mail.portal_address.disabled":
    "Your {company} client portal account was disabled: your contact record no longer has an e-mail address.",
  "notification.urgent_request": "New urgent request {folio} from {client}: {title}",
  "notification.client_message": "{by} wrote on {folio} ({title}): “{excerpt}”",
  "notification.legacy": "{text}",
  "rfc.check_digit_mismatch":
    "The check digit of RFC {rfc} does not match (expected {expected}). Confirm it if the RFC is right.",
  "error.unauthenticated": "Sign in to continue.",
  "error.session_expired": "Your session expired. Sign in again.",
  "error.login_throttled":
    "Too many attempts. Try again in {minutes, plural, one {# minute} other {# minutes}}.",
  "error.login_throttled_seconds": "Too many attempts. Try again in a few seconds.",
  "error.rate_limited":
    "Too many requests. Try again in {seconds, plural, one {# second} other {# seconds}}.",
  "error.forbidden": "You are not allowed to do this.",
  "error.not_found.attachment": "The attachment does not exist.",
  "error.not_found.attachment_file": "The attachment's file does not exist.",
  "error.not_found.client": "The client does not exist.",
  "error.not_found.contact": "The contact does not exist.",
  "error.not_found.mail": "The e-mail does not exist.",
  "error.not_found.timer": "This ticket's timer does not exist.",
  "error.not_found.time_entry": "The time entry does not exist.",
  "error.not_found.charge": "The charge does not exist.",
  "error.not_found.logo": "The logo does not exist.",
  "error.not_found.ticket": "The ticket does not exist.",
  "error.not_found.technician": "The technician does not exist.",
  "error.not_found.user": "The user does not exist.",
  "error.not_found.notification": "The notification does not exist.",
  "error.not_found.service_order": "The service order does not exist.",
  "error.not_found.contract": "The contract does not exist.",
  "error.not_found.contract_type": "The contract type does not exist.",
  "error.not_found.session": "The session does not exist.",
  "error.not_found.task": "The task does not exist.",
  "billing.period_format": "The period must be YYYY-MM (for example 2026-11).",
  "billing.period_future": "Period {period} cannot be billed: it has not started yet.",
  "billing.period_past": "Period {period} is before the year 2000.",
  "billing.invoice_frozen":
    "{status, select, cancelled {Invoice {folio} is cancelled: it no longer changes.} other {Invoice {folio} has been issued: its lines and totals are frozen. Cancel it and make a new one.}}",
  "billing.invoice_status":
    "An invoice that is {status, select, draft {a draft} issued {issued} exported {exported} paid {paid} cancelled {cancelled} other {{status}}} cannot be {action, select, issue {issued} cancel {cancelled} pay {marked paid} export {exported} edit {edited} other {{action}}}.",
  "billing.rate_exists": "There is already a rate for that category and mode; edit it.",
  "billing.unknown_category": "Category “{category}” does not exist.",
  "billing.not_event_ticket": "Only per-event tickets closed “to invoice” have their own invoice.",
  "billing.already_invoiced": "The ticket already has a current invoice ({folio}).",
  "billing.rate_draft_edited":
    "Draft {folio} no longer has the ticket's time line (it was edited by hand): correct the price there, or cancel it and invoice the ticket again at the new rate.",
  "billing.no_rfc":
    "Invoice {folios} of “{client}” has no RFC and the ERP cannot stamp it: record the client's RFC (or the generic XAXX010101000 for a sale to the general public).",
  "billing.nothing_to_export":
    "There are no issued invoices left to export. Exported ones download again (CSV or Excel) with Status = Exported.",
  "billing.charges_over_limit":
    "With this charge the ticket's charges would add up to more than $1,000 million, the most one invoice holds.",
  "billing.invoice_over_limit":
    "The lines of ticket {folio} add up to more than $1,000 million, the most one invoice holds: its draft cannot be made.",
  "billing.import_rejected":
    "The import was not applied: {count, plural, one {# row has} other {# rows have}} errors.",
  "calendar.day.weekend":
    "{weekday, select, 1 {Monday} 2 {Tuesday} 3 {Wednesday} 4 {Thursday} 5 {Friday} 6 {Saturday} 7 {Sunday} other {{weekday}}}",
  "calendar.day.closed_day":
    "{weekday, select, 1 {Monday} 2 {Tuesday} 3 {Wednesday} 4 {Thursday} 5 {Friday} 6 {Saturday} 7 {Sunday} other {{weekday}}} without opening hours",
  "calendar.holiday.new_year": "New Year's Day",
  "calendar.holiday.constitution_day": "Constitution Day",
  "calendar.holiday.benito_juarez": "Benito Juárez's Birthday",
  "calendar.holiday.labour_day": "Labour Day",
  "calendar.holiday.independence_day": "Independence Day",
  "calendar.holiday.revolution_day": "Revolution Day",
  "calendar.holiday.christmas": "Christmas Day",
  "calendar.holiday.presidential_transition": "Transfer of Federal Executive Power",
  "billing.cancel_reason.ticket_no_charge": "The ticket was made no-charge.",
  "billing.history.invoice_issued": "Invoice {folio} issued",
  "billing.history.invoice_cancelled": "Invoice {folio} cancelled",
  "billing.import_row.duplicate_row": "The folio appears more than once in the file.",
  "billing.import_row.unknown_folio": "Mesa has no invoice with that folio.",
  "billing.import_row.erp_folio_missing": "The ERP folio is missing.",
  "billing.import_row.bad_total": "The total is not a valid amount.",
  "billing.import_row.total_mismatch": "The total does not match: Mesa has {total}.",
  "billing.import_row.bad_date": "FechaPago must be YYYY-MM-DD.",
  "billing.import_row.bad_status":
    "{status, select, paid {The invoice is paid already.} draft {The invoice is a draft.} cancelled {The invoice is cancelled.} other {The invoice is {status}.}}",
  // The API's refusals (AppError), kept apart so this file stays the domain's texts.
  ...enErrors,
  ...inputEn,
};
