/** The queue's filters, kept in the URL query (so a reload or a shared link keeps them). */
import type { TicketFilters } from "../../api/tickets";
import type { TicketStatus } from "../../contract";

export const OPEN_STATUS_LIST: TicketStatus[] = ["new", "assigned", "in_progress", "attended", "reviewed"];
export const OPEN_STATUSES = OPEN_STATUS_LIST.join(",");

export interface QueueFilterState {
  view: "open" | "unassigned";
  urgent: boolean;
  breached: boolean;
  unassigned: boolean;
  clientId: string | null;
  assigneeId: string | null;
  statuses: TicketStatus[];
}

const flag = (params: URLSearchParams, name: string) => params.get(name) === "1";

export function readFilters(params: URLSearchParams): QueueFilterState {
  const statuses = (params.get("status") ?? "")
    .split(",")
    .filter((s): s is TicketStatus => (OPEN_STATUS_LIST as string[]).includes(s));
  return {
    view: params.get("view") === "open" ? "open" : "unassigned",
    urgent: flag(params, "urgent"),
    breached: flag(params, "breached"),
    unassigned: flag(params, "unassigned"),
    clientId: params.get("client") || null,
    assigneeId: params.get("assignee") || null,
    statuses,
  };
}

/** Only what differs from the defaults goes into the URL; the open view's filters only in that view. */
export function writeFilters(state: QueueFilterState): Record<string, string> {
  const out: Record<string, string> = {};
  if (state.view === "open") out.view = "open";
  if (state.urgent) out.urgent = "1";
  if (state.view !== "open") return out;
  if (state.breached) out.breached = "1";
  if (state.unassigned) out.unassigned = "1";
  if (state.clientId) out.client = state.clientId;
  if (state.assigneeId && !state.unassigned) out.assignee = state.assigneeId;
  if (state.statuses.length) out.status = state.statuses.join(",");
  return out;
}

/** The API query of GET /api/tickets for these filters. */
export function apiFilters(state: QueueFilterState): TicketFilters {
  const urgent = state.urgent ? { urgent: "true" as const } : {};
  if (state.view === "unassigned") {
    return { unassigned: "true", status: "new,assigned,in_progress", ...urgent };
  }
  return {
    status: state.statuses.length ? state.statuses.join(",") : OPEN_STATUSES,
    ...urgent,
    ...(state.breached ? { breached: "true" as const } : {}),
    ...(state.unassigned ? { unassigned: "true" as const } : {}),
    ...(state.assigneeId && !state.unassigned ? { assigneeId: state.assigneeId } : {}),
    ...(state.clientId ? { clientId: state.clientId } : {}),
  };
}

export function hasOpenFilters(state: QueueFilterState): boolean {
  return (
    state.urgent ||
    state.breached ||
    state.unassigned ||
    !!state.clientId ||
    !!state.assigneeId ||
    state.statuses.length > 0
  );
}
