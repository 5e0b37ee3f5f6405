/**
 * `npm run mail-catcher`: an SMTP server for trying Mesa on one machine without a mail server. It
 * accepts every message and prints who it is for, its subject and its text (decoded: links are whole),
 * so a client contact's portal sign-in link or a service order's acceptance link can be opened. Start
 * Mesa with `MESA_SMTP_URL=smtp://127.0.0.1:1025`. It keeps nothing and sends nothing on.
 */
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";
import { isEntryPoint } from "./entry-point.js";

/** The message as the catcher prints it: recipients, subject and plain text. */
export async function describeMail(raw: Buffer): Promise<string> {
  const mail = await simpleParser(raw);
  const to = [mail.to ?? []].flat().map((a) => a.text);
  return [`Para: ${to.join(", ")}`, `Asunto: ${mail.subject ?? ""}`, "", (mail.text ?? "").trim()].join("\n");
}

/** Listens on `port` (127.0.0.1 only) and hands each message's text to `print`. */
export function startMailCatcher(port: number, print: (text: string) => void): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream: SMTPServerDataStream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        describeMail(Buffer.concat(chunks))
          .then((text) => print(`${"─".repeat(72)}\n${text}\n`))
          .then(() => done(), done);
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

async function main(): Promise<void> {
  const port = Number(process.env.MESA_MAIL_CATCHER_PORT ?? 1025);
  await startMailCatcher(port, (text) => console.log(text));
  console.log(
    `Receptor de prueba en smtp://127.0.0.1:${port}: arranque Mesa con MESA_SMTP_URL=smtp://127.0.0.1:${port}`,
  );
}

if (isEntryPoint(import.meta.url)) await main();
