import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORTED_KEYWORD, parseImapUrl, pollImapOnce } from "../../src/server/modules/mail/imap.js";
import { FakeImap } from "../fake-imap.js";
import { createClientWithContact, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";
import { drain } from "../mail-support.js";

const mail = (id: string, subject: string) =>
  `From: ana@acme.mx\r\nTo: soporte@encor.mx\r\nSubject: ${subject}\r\nMessage-ID: <${id}@acme.mx>\r\n\r\nTexto de ${subject}\r\n`;

describe.each(DATABASES)("IMAP polling on %s", (kind) => {
  let t: TestApp;
  const imap = new FakeImap();

  beforeAll(async () => {
    await imap.start();
    t = await startApp(kind);
    const staff = await seedStaff(t.app);
    await createClientWithContact(staff, "Acme Industrial", "AIN050505AB6", "ana@acme.mx");
  });
  afterAll(async () => {
    await t?.close();
    await imap.stop();
  });

  it("reads the parts of MESA_IMAP_URL", () => {
    expect(parseImapUrl("imaps://soporte%40encor.mx:p%40ss@mail.encor.mx/Soporte")).toEqual({
      host: "mail.encor.mx",
      port: 993,
      secure: true,
      user: "soporte@encor.mx",
      pass: "p@ss",
      mailbox: "Soporte",
    });
    expect(parseImapUrl("imap://u:p@h").port).toBe(143);
  });

  it("imports unflagged mail once, flags it \\Seen and with Mesa's keyword, and never deletes", async () => {
    imap.messages = [
      { uid: 1, raw: mail("imap-1", "Por IMAP"), flags: new Set() },
      { uid: 2, raw: mail("imap-old", "Ya importado"), flags: new Set(["\\Seen", IMPORTED_KEYWORD]) },
      { uid: 3, raw: mail("imap-3", "Otro por IMAP"), flags: new Set(["\\Seen"]) },
    ];
    const target = { ...parseImapUrl("imap://soporte:clave@127.0.0.1/INBOX"), port: imap.port };
    expect(await pollImapOnce(t.app.ctx, target)).toBe(2);
    expect([...imap.messages[0]!.flags].sort()).toEqual([IMPORTED_KEYWORD, "\\Seen"].sort());
    expect(imap.messages[2]!.flags.has(IMPORTED_KEYWORD)).toBe(true);
    // A flag lost between store and flag (crash): the re-fetch is recognised by its Message-ID.
    imap.messages[0]!.flags.clear();
    expect(await pollImapOnce(t.app.ctx, target)).toBe(0);
    expect(imap.commands.some((c) => /EXPUNGE|DELETE|MOVE|\\DELETED/i.test(c))).toBe(false);

    await drain(t.app);
    const titles = (
      await t.app.ctx.db.selectFrom("tickets").select("title").where("channel", "=", "email").execute()
    ).map((r) => r.title);
    expect(titles.sort()).toEqual(["Otro por IMAP", "Por IMAP"]);
  });
});
