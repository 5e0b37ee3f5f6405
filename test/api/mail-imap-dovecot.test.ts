import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORTED_KEYWORD, parseImapUrl, pollImapOnce } from "../../src/server/modules/mail/imap.js";
import { type Dovecot, dovecotMissing, startDovecot } from "../dovecot.js";
import { createClientWithContact, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";
import { drain } from "../mail-support.js";

const missing = dovecotMissing();
if (missing) console.warn(`IMAP contra dovecot omitido: ${missing}`);

const mail = (id: string, subject: string) =>
  `From: Ana <ana@acme.mx>\r\nTo: soporte@encor.mx\r\nSubject: ${subject}\r\nMessage-ID: <${id}@acme.mx>\r\n` +
  `Date: Tue, 24 Nov 2026 10:00:00 -0600\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nTexto de ${subject}\r\n`;

describe.skipIf(Boolean(missing)).each(DATABASES)("IMAP polling against a real dovecot on %s", (kind) => {
  let t: TestApp;
  let dovecot: Dovecot;
  let mailbox: ImapFlow;

  beforeAll(async () => {
    dovecot = await startDovecot();
    mailbox = new ImapFlow({
      host: "127.0.0.1",
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.pass },
      logger: false,
    });
    await mailbox.connect();
    t = await startApp(kind);
    const staff = await seedStaff(t.app);
    await createClientWithContact(staff, "Acme Industrial", "AIN050505AB6", "ana@acme.mx");
  });
  afterAll(async () => {
    await mailbox?.logout().catch(() => undefined);
    await t?.close();
    await dovecot?.stop();
  });

  /** UID and flags of every message in INBOX, as another mail client would see them. */
  async function inbox() {
    const lock = await mailbox.getMailboxLock("INBOX");
    try {
      const out: { subject: string; flags: string[] }[] = [];
      for await (const m of mailbox.fetch("1:*", { envelope: true, flags: true })) {
        out.push({ subject: m.envelope?.subject ?? "", flags: [...(m.flags ?? [])].sort() });
      }
      return out;
    } finally {
      lock.release();
    }
  }
  const emailTickets = async () =>
    (await t.app.ctx.db.selectFrom("tickets").select("title").where("channel", "=", "email").execute())
      .map((r) => r.title)
      .sort();

  it("a message appended to the mailbox becomes a ticket; it is flagged, kept, and never imported twice", async () => {
    await mailbox.append("INBOX", mail(`dv-${kind}-1`, "Por IMAP real"));
    await mailbox.append("INBOX", mail(`dv-${kind}-2`, "Segundo por IMAP real"), ["\\Seen"]);
    const target = {
      ...parseImapUrl(`imap://${dovecot.user}:${dovecot.pass}@127.0.0.1/INBOX`),
      port: dovecot.port,
    };
    expect(await pollImapOnce(t.app.ctx, target)).toBe(2);
    await drain(t.app);
    expect(await emailTickets()).toEqual(["Por IMAP real", "Segundo por IMAP real"]);

    const after = await inbox();
    expect(after).toHaveLength(2);
    for (const m of after) expect(m.flags).toEqual([IMPORTED_KEYWORD, "\\Seen"].sort());

    expect(await pollImapOnce(t.app.ctx, target)).toBe(0);
    await drain(t.app);
    expect(await emailTickets()).toHaveLength(2);
    expect(await inbox()).toHaveLength(2);
  });

  it("a message whose flag was lost is fetched again but recognised by its Message-ID", async () => {
    const lock = await mailbox.getMailboxLock("INBOX");
    try {
      await mailbox.messageFlagsRemove("1:*", [IMPORTED_KEYWORD]);
    } finally {
      lock.release();
    }
    const target = {
      ...parseImapUrl(`imap://${dovecot.user}:${dovecot.pass}@127.0.0.1/INBOX`),
      port: dovecot.port,
    };
    expect(await pollImapOnce(t.app.ctx, target)).toBe(0);
    await drain(t.app);
    expect(await emailTickets()).toHaveLength(2);
    expect((await inbox()).every((m) => m.flags.includes(IMPORTED_KEYWORD))).toBe(true);
  });
});
