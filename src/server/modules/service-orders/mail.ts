import type { Transaction } from "kysely";
import type { AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import { newId } from "../../platform/ids.js";
import { contactsRepo } from "../clients/repository.js";
import { recipientOf } from "../mail/notify.js";
import { queueMail } from "../mail/outbox.js";
import { mailRepo } from "../mail/repository.js";
import { languageOf, ownAddresses } from "../mail/settings.js";
import { localInstant, openingHours, render } from "../mail/templates.js";
import { calendarConfig } from "../settings/settings.js";
import type { TicketRow } from "../tickets/repository.js";
import { loadServiceOrder, orderPdf } from "./order.js";
import { workLines } from "./pdf.js";
import { serviceOrdersRepo } from "./repository.js";
import { LINK_DAYS, signLink } from "./token.js";

/** The public page that shows a service order by its mailed link (web app route). */
export const acceptLinkUrl = (ctx: AppContext, token: string) =>
  `${ctx.config.publicUrl}/orden?token=${encodeURIComponent(token)}`;

/**
 * On `attend`: the service order to the client contact, with a fresh single-use link to accept or
 * reject it and the PDF attached, queued in the attend's own transaction. Links mailed before are closed.
 */
export async function queueServiceOrderMail(base: AppContext, trx: Transaction<DB>, row: TicketRow) {
  const ctx: AppContext = { ...base, db: trx };
  const to = await recipientOf(ctx, row);
  if (!to || ownAddresses(ctx).includes(to)) return null;
  const order = await loadServiceOrder(ctx, row.id);
  if (!order) return null;
  const now = ctx.clock();
  const expires = new Date(now.getTime() + LINK_DAYS * 24 * 3600_000);
  const linkId = newId();
  await serviceOrdersRepo.closeLinks(trx, row.id, now.toISOString());
  await serviceOrdersRepo.addLink(trx, {
    id: linkId,
    ticketId: row.id,
    expiresAt: expires.toISOString(),
    now: now.toISOString(),
  });
  const token = await signLink(ctx, linkId, row.id, expires);
  const [lang, cfg] = await Promise.all([languageOf(ctx, to), calendarConfig(ctx)]);
  const contact = row.contact_id ? await contactsRepo.byId(trx, row.contact_id) : null;
  const mail = render(ctx.config.dataDir, "service_order", lang, {
    company: order.company.name,
    folio: row.folio,
    title: row.title,
    name: contact?.name ?? "",
    hours: openingHours(cfg, lang),
    work: workLines(order, cfg.timeZone, lang).join("\n"),
    acceptLink: acceptLinkUrl(ctx, token),
    expires: localInstant(expires.toISOString(), cfg, lang),
  });
  const thread = await mailRepo.lastThreadIds(trx, row.id);
  return queueMail(ctx, trx, {
    kind: "service_order",
    ticketId: row.id,
    to,
    ...mail,
    inReplyTo: thread.at(-1) ?? null,
    references: thread,
    attachments: [
      {
        filename: `${row.folio}.pdf`,
        contentType: "application/pdf",
        content: await orderPdf(ctx, order, lang),
      },
    ],
  });
}
