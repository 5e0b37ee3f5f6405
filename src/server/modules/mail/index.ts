import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../context.js";
import "./inbound.js";
import { type SmtpListener, startSmtpListener } from "./listener.js";
import { closeTransports, enqueueWaitingMail } from "./outbox.js";
import { mailRoutes } from "./routes.js";

/**
 * Mail in and out: routes, the send tasks of mail that waited for MESA_SMTP_URL, and the inbound
 * SMTP listener when MESA_SMTP_LISTEN is set, IMAP polling when MESA_IMAP_URL is. Returns the listener (tests read its port).
 */
export async function installMail(app: FastifyInstance, ctx: AppContext): Promise<SmtpListener | null> {
  await app.register(mailRoutes, { prefix: "/api", ctx });
  await enqueueWaitingMail(ctx);
  const listener = ctx.config.smtpListen
    ? await startSmtpListener(ctx, ctx.config.smtpListen, app.log)
    : null;
  app.addHook("onClose", async () => {
    await listener?.close();
    closeTransports();
  });
  return listener;
}
