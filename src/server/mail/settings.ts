import type { Actor, AppContext } from "../context.js";
import { settingsRepo } from "../db/repos/audit.js";
import { usersRepo } from "../db/repos/users.js";
import { requireRole } from "../services/authz.js";
import { settingRecord, storeSetting } from "../services/settings.js";
import type { MailLang } from "./templates.js";

export interface MailSettings {
  /** The firm's name in the mails' signature and From display name. */
  companyName: string;
  /** Auto-replies to one sender per hour at most (a loop breaker when a robot escapes the header checks). */
  autoRepliesPerHour: number;
}

export const DEFAULT_MAIL_SETTINGS: MailSettings = { companyName: "Mesa de servicio", autoRepliesPerHour: 5 };

/** The `mail` setting (saved through the settings table like the calendar), or its defaults. */
export async function mailSettings(ctx: AppContext): Promise<MailSettings> {
  const stored = (await settingsRepo.get(ctx.db, "mail")) as Partial<MailSettings> | undefined;
  return { ...DEFAULT_MAIL_SETTINGS, ...(stored ?? {}) };
}

export const mailSettingsRecord = (ctx: AppContext) => settingRecord(ctx, "mail", DEFAULT_MAIL_SETTINGS);

/** Admin: saves the firm's name and the auto-reply limit (versioned and audited like every setting). */
export async function saveMailSettings(
  ctx: AppContext,
  actor: Actor,
  body: MailSettings & { version?: number | undefined },
) {
  requireRole(actor);
  return storeSetting(ctx, actor, "mail", body, DEFAULT_MAIL_SETTINGS);
}

/** Mesa's own addresses: never answered, never a client. */
export const ownAddresses = (ctx: AppContext): string[] =>
  [ctx.config.mailFrom, ctx.config.supportAddress].map((a) => a.toLowerCase());

/** A contact writes in the language of its portal user when it has one; Spanish otherwise. */
export async function languageOf(ctx: AppContext, address: string): Promise<MailLang> {
  const user = await usersRepo.byEmail(ctx.db, address);
  return user?.locale === "en" ? "en" : "es";
}
