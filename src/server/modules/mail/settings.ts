import type { z } from "zod";
import { MailSettings as MailSettingsSchema } from "../../../contract/mail.js";
import type { Actor, AppContext } from "../../context.js";
import { COMPANY_SETTING } from "../settings/company.js";
import { assertMayEditSettings } from "../settings/policy.js";
import { storeSetting } from "../settings/settings.js";
import { readSetting, type SettingSpec, settingRecord } from "../settings/stored-settings.js";
import { usersRepo } from "../users/repository.js";
import { bareAddress } from "./headers.js";
import type { MailLang } from "./templates.js";

/** The firm's name (From display name and signature) and the auto-reply limit per sender and hour. */
export type MailSettings = z.output<typeof MailSettingsSchema>;

export const DEFAULT_MAIL_SETTINGS: MailSettings = { companyName: "Mesa de servicio", autoRepliesPerHour: 5 };

const MAIL_SETTING: SettingSpec<MailSettings> = {
  key: "mail",
  schema: MailSettingsSchema,
  defaults: DEFAULT_MAIL_SETTINGS,
};

/**
 * The `mail` setting (saved through the settings table like the calendar), or its defaults, with the
 * firm's name as its profile gives it (the setup page and «Empresa» set it) when it has one: the mail
 * setting's own name is the fallback. Client mails were signed «Mesa de servicio» (that setting's
 * default, which no page edits) while the service order and the login page said the firm's name.
 */
export async function mailSettings(ctx: AppContext): Promise<MailSettings> {
  const [mail, company] = await Promise.all([
    readSetting(ctx, MAIL_SETTING),
    readSetting(ctx, COMPANY_SETTING),
  ]);
  return company.name ? { ...mail, companyName: company.name } : mail;
}

/** The firm as its documents and mails name it, and how to reach it (orders, invoices, notices). */
export interface FirmContact {
  /** The profile name, or the mail setting's (mailSettings). */
  name: string;
  rfc: string | null;
  address: string | null;
  phone: string | null;
  /**
   * The support address of the profile, else MESA_SUPPORT_ADDRESS; null when that is a local-only
   * default (mesa@localhost, before mail is set up), which no client could write to.
   */
  email: string | null;
}

/** An address a client could write to (its domain has a dot: not `localhost`, not a bare host name), else null. */
const reachable = (address: string | null) =>
  address && /@[^@\s]+\.[^@\s.]+$/.test(address) ? address : null;

export async function firmContact(ctx: AppContext): Promise<FirmContact> {
  const [company, mail] = await Promise.all([readSetting(ctx, COMPANY_SETTING), mailSettings(ctx)]);
  return {
    name: mail.companyName,
    rfc: company.rfc ?? null,
    address: company.address ?? null,
    phone: company.supportPhone ?? null,
    email: company.supportEmail ?? reachable(bareAddress(ctx.config.supportAddress)),
  };
}

export async function mailSettingsRecord(ctx: AppContext) {
  const r = await settingRecord(ctx, MAIL_SETTING);
  return { ...r.value, version: r.version };
}

/** Admin: saves the firm's name and the auto-reply limit (versioned and audited like every setting). */
export async function saveMailSettings(
  ctx: AppContext,
  actor: Actor,
  body: MailSettings & { version?: number | undefined },
) {
  assertMayEditSettings(actor);
  const { version, ...value } = body;
  return storeSetting(ctx, actor, MAIL_SETTING, value, version);
}

/** Mesa's own addresses: never answered, never a client. */
export const ownAddresses = (ctx: AppContext): string[] =>
  [ctx.config.mailFrom, ctx.config.supportAddress].map((a) => a.toLowerCase());

/** A contact writes in the language of its portal user when it has one; Spanish otherwise. */
export async function languageOf(ctx: AppContext, address: string): Promise<MailLang> {
  const user = await usersRepo.byEmail(ctx.db, address);
  return user?.locale === "en" ? "en" : "es";
}
