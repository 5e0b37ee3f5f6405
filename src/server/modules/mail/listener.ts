import type { Readable } from "node:stream";
import type { SMTPServerDataStream, SMTPServerSession } from "smtp-server";
import type { AppContext } from "../../context.js";
import { lazy } from "../../platform/lazy-modules.js";
import type { TaskLog } from "../../platform/tasks/worker.js";
import { storeInbound } from "./inbound.js";

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

function collect(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

const smtpError = (message: string, responseCode: number) =>
  Object.assign(new Error(message), { responseCode });

const domainOf = (address: string) =>
  address
    .slice(address.lastIndexOf("@") + 1)
    .trim()
    .toLowerCase();

/**
 * Mesa is not a relay: it takes mail only for its own domains — the support address's and the from
 * address's (so aliases like ventas@ that reach the same mailbox work too). Anything else is refused at RCPT.
 */
export function acceptsRecipient(config: AppContext["config"], address: string): boolean {
  if (!address.includes("@")) return false;
  const own = new Set([domainOf(config.supportAddress), domainOf(config.mailFrom)]);
  return own.has(domainOf(address));
}

/**
 * The inbound SMTP listener: accepts mail for Mesa's own domains (RCPT filter), keeps it raw and answers 250 only once it is
 * stored (a failure answers 451, so the sending server retries and nothing is lost).
 */
export async function startSmtpListener(
  ctx: AppContext,
  listen: string,
  log: TaskLog,
): Promise<SmtpListener> {
  const [host, portText] = [
    listen.slice(0, listen.lastIndexOf(":")),
    listen.slice(listen.lastIndexOf(":") + 1),
  ];
  const { SMTPServer } = await lazy.smtpServer();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    // Larger mail is refused at DATA with 552 (RFC 5321: storage allocation exceeded).
    size: ctx.config.mailMaxBytes,
    banner: "Mesa",
    logger: false,
    onRcptTo(address, _session, callback) {
      if (acceptsRecipient(ctx.config, address.address)) return callback();
      callback(
        smtpError(`5.7.1 <${address.address}>: relay denied, only mail for this desk is accepted`, 550),
      );
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      collect(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) return callback(smtpError("Mensaje demasiado grande", 552));
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
          await storeInbound(ctx, raw, { source: "smtp", envelopeFrom: from });
          callback();
        })
        .catch((err: unknown) => {
          log.error({ err }, "could not store an inbound mail");
          callback(smtpError("No se pudo guardar el mensaje; intente más tarde", 451));
        });
    },
  });
  server.on("error", (err) => log.error({ err }, "SMTP listener error"));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(portText), host || "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  return {
    port: typeof address === "object" && address ? address.port : Number(portText),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
