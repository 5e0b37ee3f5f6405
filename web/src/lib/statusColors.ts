import type { TicketStatus } from "../../../src/contract/tickets";

/** Each status's badge colour, the same in the staff app and the portal (a cancelled request never reads as attended). */
export const STATUS_COLORS: Record<TicketStatus, string> = {
  new: "blue",
  assigned: "indigo",
  in_progress: "violet",
  attended: "cyan",
  reviewed: "teal",
  closed: "gray",
  cancelled: "dark",
};
