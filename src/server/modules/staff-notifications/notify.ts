import type { Transaction } from "kysely";
import type { NotificationMailKind } from "../../../contract/service-orders.js";
import type { Coded } from "../../../domain/messages.js";
import type { AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import { render as renderText } from "../../platform/i18n/index.js";
import { bareAddress } from "../mail/headers.js";
import { queueMail } from "../mail/outbox.js";
import { mailSettings } from "../mail/settings.js";
import { render } from "../mail/templates.js";
import { mailPrefsOf } from "./prefs.js";
import { prefsRepo } from "./repository.js";

/**
 * The e-mail twin of an in-app notification: queued (in the caller's transaction) for each user who
 * keeps this kind on, in the user's language, linking to the ticket in the staff app.
 */
export async function queueStaffMail(
  base: AppContext,
  trx: Transaction<DB>,
  userIds: string[],
  kind: NotificationMailKind,
  message: Coded,
  ticket: { id: string; folio: string },
): Promise<number> {
  const ctx: AppContext = { ...base, db: trx };
  const prefs = await mailPrefsOf(trx, userIds);
  const users = (await prefsRepo.recipients(trx, userIds)).filter((u) => prefs.get(u.id)?.[kind]);
  const { companyName } = await mailSettings(ctx);
  let queued = 0;
  for (const user of users) {
    const to = bareAddress(user.email);
    if (!to) continue;
    const locale = user.locale === "en" ? "en" : "es-MX";
    const mail = render(ctx.config.dataDir, "staff_notice", locale === "en" ? "en" : "es", {
      folio: ticket.folio,
      name: user.name,
      message: renderText(locale, message.code, message.params),
      link: `${ctx.config.publicUrl}/tickets/${ticket.id}`,
      company: companyName,
    });
    await queueMail(ctx, trx, {
      kind: "staff_notice",
      ticketId: ticket.id,
      to,
      ...mail,
      autoSubmitted: "auto-generated",
    });
    queued++;
  }
  return queued;
}
