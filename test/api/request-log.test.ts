import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type MesaApp } from "../../src/server/app.js";
import { freshDatabase, type TestDb } from "../harness.js";

/** Links carry their secret as ?token=: the request log keeps the path and masks the value. */
describe("the request log", () => {
  let db: TestDb;
  let app: MesaApp;
  const lines: string[] = [];

  beforeAll(async () => {
    db = await freshDatabase("sqlite");
    app = await buildApp({
      env: { ...db.env, LOG_LEVEL: "info", MESA_JOBS: "false", MESA_WEB_DIST: "/nonexistent" },
      logStream: { write: (line: string) => void lines.push(line) },
    });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("masks the token of sign-in, service-order and survey links, and keeps the rest of the URL", async () => {
    const secret = "IcleHuSecretoDeEnlace_123-abc";
    for (const url of [
      `/orden?token=${secret}`,
      `/api/service-orders/by-link?token=${secret}`,
      `/portal/entrar?x=1&token=${secret}&next=%2Fportal`,
      `/api/portal/session?TOKEN=${secret}`,
    ])
      await app.inject({ method: "GET", url });
    const log = lines.join("");
    expect(log).not.toContain(secret);
    expect(log).toContain('"url":"/orden?token=[oculto]"');
    expect(log).toContain('"url":"/portal/entrar?x=1&token=[oculto]&next=%2Fportal"');
  });
});
