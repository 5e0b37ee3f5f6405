import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

// A 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

describe.each(DATABASES)("the firm's own settings on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  beforeAll(async () => {
    t = await startApp(kind);
    s = await seedStaff(t.app);
  });
  afterAll(() => t.close());

  const body = {
    name: "Encor S.A. de C.V.",
    rfc: "ENC0501018A6",
    address: "Av. Juárez 100, Centro, 44100 Guadalajara, Jal.",
    supportEmail: "soporte@encor.mx",
    supportPhone: "33 3615 0000",
    openingHoursText: "Lunes a viernes de 9:00 a 17:00",
  };

  it("lets an admin edit name, RFC, address, support e-mail and phone, hours; any staff reads them", async () => {
    const saved = await s.admin.put("/api/settings/company", body);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ ...body, logo: null, version: expect.any(Number) });
    expect((await s.technician.get("/api/settings/company")).body).toMatchObject(body);
    const audit = await s.admin.get("/api/audit?entity=settings&entityId=company");
    expect(audit.status).toBe(200);
  });

  it("refuses non-admins and bad input without changing anything", async () => {
    expect((await s.leader.put("/api/settings/company", { ...body, name: "Otra" })).status).toBe(403);
    const bad = await s.admin.put("/api/settings/company", { ...body, rfc: "XXX", supportEmail: "no" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
    expect((await s.admin.put("/api/settings/company", { ...body, name: "" })).status).toBe(400);
    expect((await s.reception.get("/api/settings/company")).body.name).toBe("Encor S.A. de C.V.");
  });

  it("stores a PNG logo in the database and serves it to staff", async () => {
    const put = await s.admin.put("/api/settings/company/logo", {
      contentType: "image/png",
      dataBase64: PNG.toString("base64"),
    });
    expect(put.status).toBe(200);
    expect(put.body.logo).toMatchObject({ contentType: "image/png", size: PNG.length });
    const res = await t.app.inject({
      method: "GET",
      url: "/api/settings/company/logo",
      headers: { authorization: `Bearer ${s.technician.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
    expect(res.rawPayload.equals(PNG)).toBe(true);
    expect((await t.app.inject({ method: "GET", url: "/api/settings/company/logo" })).statusCode).toBe(401);
  });

  it("refuses a logo over 512 KB or that is not the image it claims", async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(512 * 1024)]);
    const tooBig = await s.admin.put("/api/settings/company/logo", {
      contentType: "image/png",
      dataBase64: big.toString("base64"),
    });
    expect([400, 413]).toContain(tooBig.status);
    const fake = await s.admin.put("/api/settings/company/logo", {
      contentType: "image/jpeg",
      dataBase64: Buffer.from("<svg></svg>").toString("base64"),
    });
    expect(fake.status).toBe(400);
    const gif = await s.admin.put("/api/settings/company/logo", {
      contentType: "image/gif",
      dataBase64: "R0lG",
    });
    expect(gif.status).toBe(400);
    expect(
      (await s.leader.put("/api/settings/company/logo", { contentType: "image/png", dataBase64: "" })).status,
    ).toBe(403);
    expect((await s.admin.get("/api/settings/company")).body.logo.size).toBe(PNG.length);
  });
});
