import type { Insertable } from "kysely";
import type { TicketsTable } from "../../src/server/platform/database/schema.js";

type Varying = Pick<
  Insertable<TicketsTable>,
  "id" | "folio" | "client_id" | "status" | "urgent" | "assignee_id" | "response_due_at"
> & { text: string; at: string; responded_at?: string | null };

/**
 * A tickets row written directly, for tests that seed thousands (query plans, search paths): what
 * they vary given, the rest as an event ticket taken by phone, never billed, searchable by `text`.
 */
export function bareTicketRow(v: Varying): Insertable<TicketsTable> {
  const { text, at, responded_at = null, ...keys } = v;
  return {
    ...keys,
    contact_id: null,
    title: text,
    description: "",
    channel: "phone",
    category: null,
    service_kind: "event",
    contract_id: null,
    received_at: at,
    responded_at,
    estimated_solution_minutes: null,
    estimated_solution_at: null,
    raw_minutes: 0,
    billable_minutes: null,
    billing_status: "pending",
    accepted_at: null,
    accepted_by_name: null,
    accepted_via: null,
    acceptance_override_reason: null,
    unknown_sender: 0,
    search_text: text,
    created_by: null,
    created_at: at,
    updated_at: at,
    closed_at: null,
    version: 1,
    escalation_level: 0,
  };
}
