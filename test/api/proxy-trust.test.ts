import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/server/platform/config.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

describe.each(DATABASES)("MESA_TRUST_PROXY=1 takes the address the proxy appended on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind, { env: { MESA_TRUST_PROXY: "true", MESA_LOGIN_ATTEMPTS: "5" } });
  });
  afterAll(async () => t?.close());

  it("a client writing its own X-Forwarded-For entries is throttled like the one address it has", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "admin@encor.mx", password: `adivina-${i}` },
        remoteAddress: "127.0.0.1", // the proxy
        headers: { "x-forwarded-for": `203.0.113.${i}, 198.51.100.7` },
      });
      statuses.push(r.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual(Array(15).fill(429));
    // The owner, behind the same proxy but at another address, still signs in.
    const owner = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "admin@encor.mx", password: "admin-password-123" },
      remoteAddress: "127.0.0.1",
      headers: { "x-forwarded-for": "198.51.100.8" },
    });
    expect(owner.statusCode).toBe(200);
  });
});

describe.each(DATABASES)("an IPv6 client counts by its /64 on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind, { env: { MESA_TRUST_PROXY: "true", MESA_LOGIN_ATTEMPTS: "5" } });
  });
  afterAll(async () => t?.close());

  const login = (password: string, address: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "admin@encor.mx", password },
      remoteAddress: "127.0.0.1",
      headers: { "x-forwarded-for": address },
    });

  it("a new address of the same /64 for every guess is throttled like one address", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 12; i++)
      statuses.push((await login(`adivina-${i}`, `2001:db8:0:7::${i}`)).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual(Array(7).fill(429));
    // The owner in another /64 still signs in.
    expect((await login("admin-password-123", "2001:db8:0:8::1")).statusCode).toBe(200);
  });
});

describe("MESA_TRUST_PROXY values", () => {
  it("accepts true/false, a hop count or a list of proxy addresses; refuses anything else", () => {
    expect(loadConfig({ MESA_TRUST_PROXY: "true" }).trustProxy).toBe(1);
    expect(loadConfig({ MESA_TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadConfig({ MESA_TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ MESA_TRUST_PROXY: "10.0.0.0/8, 127.0.0.1" }).trustProxy).toBe(
      "10.0.0.0/8, 127.0.0.1",
    );
    expect(() => loadConfig({ MESA_TRUST_PROXY: "yes" })).toThrow(/MESA_TRUST_PROXY/);
  });
});
