import { z } from "zod";
import { Rfc } from "./clients.js";
import { BaseVersion, Email, Id, Instant, Line, OptionalText, Phone } from "./common.js";

/** The running work timer of the signed-in user: one per person, seen from every device. */
export const Timer = z.object({
  ticketId: Id,
  folio: z.string(),
  title: z.string(),
  startedAt: Instant,
});
export type Timer = z.infer<typeof Timer>;
export const MyTimer = z.object({ timer: Timer.nullable() });
export type MyTimer = z.infer<typeof MyTimer>;

/** What stopping the timer gives back: the interval, to prefill a time entry. */
export const StoppedTimer = z.object({
  ticketId: Id,
  startedAt: Instant,
  endedAt: Instant,
  /** At least 1: a timer stopped within its first minute counts the minute ending when it stopped. */
  minutes: z.number().int().min(1),
});
export type StoppedTimer = z.infer<typeof StoppedTimer>;

/** A client contact's portal account: invited (no password yet, magic link), active or disabled. */
export const PortalUserStatus = z.enum(["invited", "active", "disabled"]);
export type PortalUserStatus = z.infer<typeof PortalUserStatus>;
export const PortalUser = z.object({
  id: Id,
  contactId: Id.nullable(),
  email: z.string(),
  name: z.string(),
  status: PortalUserStatus,
  invitedAt: z.string().nullable(),
});
export type PortalUser = z.infer<typeof PortalUser>;

/** The firm's own data: shown to staff, printed on documents, opening hours shown to clients. */
export const CompanySettings = z.object({
  name: z.string(),
  rfc: z.string().nullable(),
  address: z.string().nullable(),
  supportEmail: z.string().nullable(),
  supportPhone: z.string().nullable(),
  openingHoursText: z.string().nullable(),
  logo: z.object({ contentType: z.string(), size: z.number(), updatedAt: z.string() }).nullable(),
  /** The settings version, for `version`/If-Match on the next save (0 until first saved). */
  version: z.number(),
});
export type CompanySettings = z.infer<typeof CompanySettings>;

/** Only the fields sent change (PUT kept for compatibility, applied as a merge); `version` guards against stale copies. */
export const CompanySettingsBody = z.strictObject({
  name: Line(200).optional(),
  rfc: Rfc.nullable().optional(),
  address: OptionalText(1000).nullable().optional(),
  supportEmail: Email.nullable().optional(),
  supportPhone: Phone.nullable().optional(),
  openingHoursText: OptionalText(500).nullable().optional(),
  version: BaseVersion,
});
export type CompanySettingsBody = z.input<typeof CompanySettingsBody>;

export const LOGO_MAX_BYTES = 512 * 1024;
export const LogoContentType = z.enum(["image/png", "image/jpeg"]);
/** The logo as base64 (PNG or JPEG, at most 512 KB once decoded). */
export const CompanyLogoBody = z.strictObject({
  contentType: LogoContentType,
  dataBase64: z
    .string()
    .max(Math.ceil(LOGO_MAX_BYTES / 3) * 4 + 4, "input.logo_too_large")
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "input.base64"),
});
export type CompanyLogoBody = z.input<typeof CompanyLogoBody>;

export const PortalUserList = z.object({ items: z.array(PortalUser) });
