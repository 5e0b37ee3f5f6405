import net from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { SMTPServer } from "smtp-server";
import type { MesaApp } from "../src/server/app.js";
import { runDueTasks } from "../src/server/platform/tasks/worker.js";

export interface Received {
  raw: string;
  mail: ParsedMail;
}

/** A real SMTP server that keeps what Mesa sends; `stop()` and `start()` simulate an outage on the same port. */
export class Sink {
  received: Received[] = [];
  /** Addresses this server refuses for good (550 to RCPT TO), as a mailbox that does not exist. */
  refused = new Set<string>();
  /** How long the server takes to accept each message's data, as a slow or distant mail server does. */
  delayMs = 0;
  /** The largest message this server takes (0: any); larger ones are refused with 552 after DATA. */
  maxBytes = 0;
  /** The text of that 552 (Postfix's by default). */
  sizeRefusal = "5.3.4 Message size exceeds fixed maximum message size";
  private server: SMTPServer | null = null;
  port = 0;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["AUTH", "STARTTLS"],
      logger: false,
      // An outage cuts open connections at once (Mesa's pooled ones too) instead of waiting 30 s.
      closeTimeout: 100,
      onRcptTo: (address, _session, callback) => {
        if (!this.refused.has(address.address.toLowerCase())) return callback();
        callback(Object.assign(new Error("No such mailbox"), { responseCode: 550 }));
      },
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks);
          if (this.maxBytes && raw.length > this.maxBytes) {
            return callback(Object.assign(new Error(this.sizeRefusal), { responseCode: 552 }));
          }
          const keep = () =>
            simpleParser(raw).then((mail) => {
              this.received.push({ raw: raw.toString("utf8"), mail });
              callback();
            }, callback);
          if (this.delayMs) setTimeout(keep, this.delayMs);
          else void keep();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", () => resolve()));
    const addr = server.server.address();
    this.port = typeof addr === "object" && addr ? addr.port : this.port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

/** Delivers a mail to Mesa's listener like any sending server would. */
/**
 * The mail settings of an app whose outgoing mail goes to `sink` (started first), from and for Encor;
 * `listen` also opens Mesa's own SMTP port for incoming mail.
 */
export const mailEnv = (sink: Sink, { listen = true } = {}): Record<string, string> => ({
  ...(listen ? { MESA_SMTP_LISTEN: "127.0.0.1:0" } : {}),
  MESA_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
  MESA_MAIL_FROM: "mesa@encor.mx",
  MESA_SUPPORT_ADDRESS: "soporte@encor.mx",
  MESA_PUBLIC_URL: "https://mesa.encor.mx",
});

export async function deliver(app: MesaApp, mail: SendMailOptions) {
  const t = nodemailer.createTransport({
    host: "127.0.0.1",
    port: app.smtp!.port,
    secure: false,
    ignoreTLS: true,
  });
  try {
    return await t.sendMail(mail);
  } finally {
    t.close();
  }
}

/** A raw message, byte for byte (broken MIME, other charsets, missing headers). */
export const deliverRaw = (app: MesaApp, from: string, raw: string | Buffer) =>
  deliver(app, { envelope: { from, to: ["soporte@encor.mx"] }, raw });

/** Runs the task queue until nothing is due. */
export async function drain(app: MesaApp): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const pass = await runDueTasks(app.ctx, { batchSize: 50 });
    if (pass.claimed === 0) return;
  }
}

/** A bare SMTP conversation (for what no client library will send, like an empty DATA); returns the server's replies. */
export function smtpConversation(port: number, commands: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let out = "";
    let step = 0;
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      out += chunk;
      // One command per complete reply (a line whose code is followed by a space).
      if (!/^\d{3} .*\r\n$/m.test(chunk.split(/\r\n(?=.)/).at(-1) ?? "")) return;
      if (step < commands.length) socket.write(`${commands[step++]}\r\n`);
      else socket.end();
    });
    socket.on("end", () => resolve(out));
    socket.on("error", reject);
  });
}
