import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startApp, type TestApp } from "../harness.js";
import { deliver, smtpConversation } from "../mail-support.js";

describe.each(DATABASES)("the SMTP listener is no open relay on %s", (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp(kind, {
      env: {
        MESA_SMTP_LISTEN: "127.0.0.1:0",
        MESA_MAIL_FROM: "mesa@encor.mx",
        MESA_SUPPORT_ADDRESS: "soporte@encor.mx",
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const stored = async () =>
    Number(
      (
        await t.app.ctx.db
          .selectFrom("inbound_mail")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("mail to the support address is accepted and stored", async () => {
    const before = await stored();
    const info = await deliver(t.app, {
      from: "ana@acme.mx",
      to: "soporte@encor.mx",
      subject: "No hay red",
      text: "Se cayó la red.",
    });
    expect(info.accepted).toEqual(["soporte@encor.mx"]);
    expect(await stored()).toBe(before + 1);
  });

  it("mail for another domain is refused at RCPT with 550 and nothing is stored", async () => {
    const before = await stored();
    const sending = deliver(t.app, {
      from: "spammer@example.net",
      to: "victima@gmail.com",
      subject: "Relay",
      text: "Reenvía esto.",
    });
    await expect(sending).rejects.toMatchObject({ code: "EENVELOPE", responseCode: 550 });
    expect(await stored()).toBe(before);
  });

  it("a mail for both keeps only Mesa's recipient; bare RCPT of a foreign address answers 550", async () => {
    const info = await deliver(t.app, {
      from: "ana@acme.mx",
      to: ["soporte@encor.mx", "otro@example.org"],
      subject: "Copia",
      text: "Con copia a otro dominio.",
    });
    expect(info.accepted).toEqual(["soporte@encor.mx"]);
    expect(info.rejected).toEqual(["otro@example.org"]);
    const talk = await smtpConversation(t.app.smtp!.port, [
      "EHLO prueba",
      "MAIL FROM:<x@acme.mx>",
      "RCPT TO:<root@localhost>",
      "RCPT TO:<Soporte@ENCOR.mx>",
      "QUIT",
    ]);
    expect(talk).toMatch(/^550 5\.7\.1 <root@localhost>: relay denied/m);
    expect(talk).toMatch(/^250 Accepted/m);
  });
});
