// Types only: the portal bundle carries no zod (the server validates every request).
export type {
  PortalAttachment,
  PortalInfo,
  PortalMessage,
  PortalServiceOrder,
  PortalTicket,
  PortalTicketDetail,
  PortalUser,
} from "../../../src/contract/portal";
