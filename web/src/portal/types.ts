// Types only: the portal bundle carries no zod (the server validates every request).
export type {
  PortalAttachment,
  PortalMessage,
  PortalServiceOrder,
  PortalTicket,
  PortalTicketDetail,
  PortalUser,
} from "../../../src/contract/portal";

export interface PortalInfo {
  companyName: string;
  openingHours: string;
  timeZone: string;
  supportAddress: string;
}
