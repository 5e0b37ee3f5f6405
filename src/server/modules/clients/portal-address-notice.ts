/**
 * The mail to a portal account's old address when staff move its sign-in to another (or clear it): the
 * person behind the old mailbox learns that its sessions ended and whom to call if they did not ask
 * for it. The new address is shown masked: the notice confirms a change, it does not hand the new
 * mailbox to whoever reads the old one.
 */
import type { Kysely } from "kysely";
import type { AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import { render as renderText } from "../../platform/i18n/render.js";
import { queueMail } from "../mail/outbox.js";
import { mailRepo } from "../mail/repository.js";
import { firmContact } from "../mail/settings.js";
import { type MailLang, render } from "../mail/templates.js";

/** «b•••@cliente.mx»: enough to recognise one's own address, not enough to write to it. */
export const maskedAddress = (email: string) => {
  const at = email.lastIndexOf("@");
  return at < 0 ? "•••" : `${email.slice(0, Math.min(1, at))}•••${email.slice(at)}`;
};

/**
 * The same notice to the same address is not sent again within this long: moving a sign-in back and
 * forth (a typo fixed, or someone toggling the contact's e-mail) would otherwise make the firm mail
 * the same person at every save. A notice that says something new (another address, or the account
 * disabled) is always sent.
 */
export const NOTICE_QUIET_MS = 60 * 60_000;

/** Queued in the contact update's transaction (`trx`): rolled back with it when the update is refused. */
export async function queueOldAddressNotice(
  ctx: AppContext,
  trx: Kysely<DB>,
  account: { email: string; name: string; locale: string },
  newEmail: string | null,
) {
  const lang: MailLang = account.locale === "en" ? "en" : "es";
  const locale = lang === "en" ? "en" : "es-MX";
  const firm = await firmContact({ ...ctx, db: trx });
  const company = firm.name;
  // Whom to call if they did not ask for it: the firm's phone, else its support address, else just the firm.
  const reach = firm.phone
    ? { how: "phone", contact: firm.phone }
    : firm.email
      ? { how: "email", contact: firm.email }
      : { how: "none", contact: "" };
  const call = renderText(locale, "mail.portal_address.call", { company, ...reach });
  const code = `mail.portal_address.${newEmail ? "moved" : "disabled"}`;
  const to = newEmail ? maskedAddress(newEmail) : "";
  const change = renderText(locale, code, { company, to });
  const mail = render(ctx.config.dataDir, "portal-address", lang, {
    name: account.name,
    company,
    change,
    call,
  });
  const since = new Date(ctx.clock().getTime() - NOTICE_QUIET_MS).toISOString();
  if ((await mailRepo.queuedSince(trx, account.email, "portal_address", since, mail.text)) > 0) return;
  await queueMail(ctx, trx, {
    kind: "portal_address",
    ticketId: null,
    to: account.email,
    ...mail,
    autoSubmitted: "auto-generated",
  });
}
