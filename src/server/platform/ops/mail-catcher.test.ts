import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailCatcher } from "./mail-catcher.js";

describe("the mail catcher (npm run mail-catcher)", () => {
  const printed: string[] = [];
  let server: Awaited<ReturnType<typeof startMailCatcher>>;
  let port = 0;
  beforeAll(async () => {
    server = await startMailCatcher(0, (text) => printed.push(text));
    port = (server.server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it("prints who a message is for, its subject and its decoded text, long links whole", async () => {
    const link = `http://localhost:3311/portal/entrar?token=${"a1b2c3d4".repeat(8)}`;
    const transport = nodemailer.createTransport({ url: `smtp://127.0.0.1:${port}` } as never);
    await transport.sendMail({
      from: "mesa@localhost",
      to: "jagutierrez@launica.example",
      subject: "Tu enlace para entrar al portal",
      text: `Hola José Ángel:\n\nEntra aquí: ${link}\n`,
    });
    transport.close();
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain("Para: jagutierrez@launica.example");
    expect(printed[0]).toContain("Asunto: Tu enlace para entrar al portal");
    expect(printed[0]).toContain(`Entra aquí: ${link}`);
    expect(printed[0]).toContain("José Ángel");
  });
});
