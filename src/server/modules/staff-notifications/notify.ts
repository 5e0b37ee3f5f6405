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
 * A notice's subject: the message without its reason (a send-back's «Motivo: …» stays in the body), the folio in front
 * only when the sentence does not already name it, and short enough for an inbox line.
 */
export function noticeSubject(folio: string, message: string): string {
  const first = message.split(/\. (?:Motivo|Reason): /)[0] ?? message;
  const line = first.includes(folio) ? first : `[${folio}] ${first}`;
  if (line.length <= 120) return line;
  const cut = line.slice(0, 119);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 60))}…`;
}

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
    const text = renderText(locale, message.code, message.params);
    const mail = render(ctx.config.dataDir, "staff_notice", locale === "en" ? "en" : "es", {
      folio: ticket.folio,
      subject: noticeSubject(ticket.folio, text),
      name: user.name,
      message: text,
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
