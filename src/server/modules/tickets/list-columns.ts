/** The columns a ticket list reads: a full page's, and a page of rows' (`view=summary`). */
import type { TicketRow } from "./repository.js";

/**
 * The columns of a queue row (`view=summary`): what the web app's lists show and act on, without the
 * description (a mailed ticket's can be many kilobytes), the timestamps and the ids they do not need.
 * A page of them costs about a third less server CPU than the full page (README, «Rendimiento»).
 */
export const SUMMARY_COLUMNS = [
  "id",
  "folio",
  "client_id",
  "title",
  "urgent",
  "category",
  "service_kind",
  "status",
  "assignee_id",
  "response_due_at",
  "responded_at",
  "raw_minutes",
  "billable_minutes",
  "billing_status",
  "accepted_at",
  "accepted_by_name",
  "accepted_via",
  "unknown_sender",
  "returned_by",
  "closed_at",
  "version",
] as const satisfies readonly (keyof TicketRow)[];

/** The columns of tickets a full queue page shows: a row's and the rest (not the search text nor the report facts). */
export const LIST_COLUMNS = [
  ...SUMMARY_COLUMNS,
  "contact_id",
  "description",
  "channel",
  "contract_id",
  "received_at",
  "estimated_solution_minutes",
  "estimated_solution_at",
  "acceptance_override_reason",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof TicketRow)[];

type ListNames = { client_name: string; contact_name: string | null; assignee_name: string | null };
/** A queue row as `view=summary` reads it (SUMMARY_COLUMNS and the names a list shows). */
export type TicketSummaryRow = Pick<TicketRow, (typeof SUMMARY_COLUMNS)[number]> & ListNames;
/** A ticket as a full queue page reads it: its shown columns and the names a list shows. */
export type TicketListRow = Pick<TicketRow, (typeof LIST_COLUMNS)[number]> & ListNames;
