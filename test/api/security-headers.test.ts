import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStaff } from "../fixtures.js";
import { startApp, type TestApp } from "../harness.js";

/** The CSP as a map of directive → sources. */
function csp(header: unknown): Record<string, string[]> {
  return Object.fromEntries(
    String(header)
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function expectProtected(headers: Record<string, unknown>) {
  const policy = csp(headers["content-security-policy"]);
  expect(policy["script-src"]).toEqual(["'self'"]);
  expect(policy["frame-ancestors"]).toEqual(["'none'"]);
  expect(policy["object-src"]).toEqual(["'none'"]);
  expect(policy["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
}

/** Sends `raw` bytes to a listening server and reads its whole answer, split as HTTP/1.1 writes it. */
async function rawExchange(port: number, raw: string) {
  const text = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(raw));
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
  const [head = "", body = ""] = text.split("\r\n\r\n");
  const [statusLine = "", ...lines] = head.split("\r\n");
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
  );
  return { status: Number(statusLine.split(" ")[1]), headers, body };
}

describe("security headers", () => {
  let t: TestApp;
  let secure: TestApp;
  let bare: TestApp; // no web app beside the API
  const web = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-web-"));

  beforeAll(async () => {
    fs.writeFileSync(path.join(web, "index.html"), "<!doctype html><title>Mesa</title>");
    t = await startApp("sqlite", { env: { MESA_WEB_DIST: web } });
    secure = await startApp("sqlite", { env: { MESA_WEB_DIST: web, MESA_COOKIE_SECURE: "true" } });
    bare = await startApp("sqlite");
  });
  afterAll(async () => {
    await t?.close();
    await secure?.close();
    await bare?.close();
    fs.rmSync(web, { recursive: true, force: true });
  });

  it("protect the web app, its client-side routes and the API, errors included", async () => {
    for (const url of ["/", "/queue", "/api/health", "/api/tickets", "/api/nada"]) {
      const res = await t.app.inject(url);
      expect([200, 401, 404]).toContain(res.statusCode);
      expectProtected(res.headers);
      // Plain HTTP (the default): no HSTS, and no upgrade of asset requests to an https that is not there.
      expect(res.headers["strict-transport-security"]).toBeUndefined();
      expect(csp(res.headers["content-security-policy"])["upgrade-insecure-requests"]).toBeUndefined();
    }
  });

  it("answer a missing file with a 404, not the web app's page; the app's own routes still get the page", async () => {
    for (const url of [
      "/assets/index-deadbeef.js",
      "/assets/index-deadbeef.css",
      "/assets/x",
      "/logo-viejo.png",
    ]) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"]).toContain("application/json");
      expect(res.json().error.code).toBe("not_found");
    }
    for (const url of ["/queue", "/tickets/01JABC?q=factura.pdf", "/portal/tickets"]) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"]).toContain("text/html");
    }
  });

  it("answer an API id longer than the router's limit as a missing record, and a bad %-encoding as 400, in Mesa's envelope", async () => {
    const long = `/api/contacts/${"a".repeat(5000)}`;
    // Served with the web app, such a path falls to its files' catch-all (after the sign-in check);
    // without it, to the router's own refusal.
    const staff = await seedStaff(t.app);
    const authorization = `Bearer ${staff.reception.token}`;
    expect((await t.app.inject(long)).statusCode).toBe(401);
    for (const [app, headers] of [
      [t.app, { authorization }],
      [t.app, { authorization, "accept-language": "en" }],
      [bare.app, {}],
    ] as const) {
      const res = await app.inject({ url: long, headers });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        error: {
          code: "not_found",
          message: expect.stringMatching(/^(No existe|There is no) GET \/api\/contacts\/a+/),
          details: null,
        },
      });
      expect(res.json().error.message.length).toBeLessThan(300);
      expectProtected(res.headers);
    }
    const bad = await bare.app.inject("/api/tickets/%E0%A4%A");
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      error: {
        code: "validation_failed",
        message: "La dirección tiene un carácter mal codificado (un % que no forma un código válido).",
        details: null,
      },
    });
    expectProtected(bad.headers);
    // An unknown API path echoes at most 200 characters of itself.
    const unknown = await bare.app.inject(`/api/nada/${"b".repeat(5000)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message.length).toBeLessThan(300);
  });

  it("answer what Node's HTTP parser refuses (an unknown method, headers over 16 KB) in Mesa's envelope, with the headers", async () => {
    await bare.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = bare.app.server.address() as net.AddressInfo;
    const cases = [
      { raw: "FOO /api/tickets HTTP/1.1\r\nHost: x\r\n\r\n", status: 400, code: "validation_failed" },
      {
        raw: `GET /api/tickets HTTP/1.1\r\nHost: x\r\nCookie: ${"c".repeat(20_000)}\r\n\r\n`,
        status: 431,
        code: "headers_too_large",
      },
      {
        raw: "GET /api/tickets HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n",
        status: 400,
        code: "validation_failed",
      },
    ];
    for (const c of cases) {
      const res = await rawExchange(port, c.raw);
      expect(res.status).toBe(c.status);
      expect(JSON.parse(res.body)).toEqual({
        error: {
          code: c.code,
          message: expect.stringMatching(/^(El servidor|Los encabezados)/),
          details: null,
        },
      });
      expect(Number(res.headers["content-length"])).toBe(Buffer.byteLength(res.body));
      expect(res.headers["content-language"]).toBe("es-MX");
      expectProtected(res.headers);
    }
  });

  it("answer a path too long for a file name, or climbing out of the app, as a page that is not there", async () => {
    for (const url of [
      `/${"a".repeat(4000)}`,
      `/assets/${"b".repeat(3000)}.js`,
      "/assets/%2e%2e/%2e%2e/etc/passwd",
    ]) {
      const res = await t.app.inject(url);
      if (res.statusCode === 200) {
        // The app's own page, as for any client-side route, never a file from outside it.
        expect(res.body).toBe("<!doctype html><title>Mesa</title>");
        continue;
      }
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({
        code: "not_found",
        message: expect.stringMatching(/^No existe GET \//),
      });
      expectProtected(res.headers);
    }
  });

  it("cover the Swagger UI at /api/docs, whose page loads only same-origin scripts", async () => {
    const page = await t.app.inject("/api/docs");
    expect(page.statusCode).toBe(200);
    expectProtected(page.headers);
    const scripts = [...page.body.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/api\/docs\/static\//);
      expect(body!.trim()).toBe("");
    }
    const init = await t.app.inject("/api/docs/static/swagger-initializer.js");
    expect(init.statusCode).toBe(200);
    expectProtected(init.headers);
  });

  it("add HSTS only when Mesa is served over TLS (MESA_COOKIE_SECURE=true)", async () => {
    const res = await secure.app.inject("/api/health");
    expectProtected(res.headers);
    expect(res.headers["strict-transport-security"]).toMatch(/^max-age=\d{7,}/);
    expect(csp(res.headers["content-security-policy"])).toHaveProperty("upgrade-insecure-requests");
  });
});
