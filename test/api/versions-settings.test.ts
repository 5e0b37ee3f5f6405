/**
 * Company and backup settings (and categories and users) take the version they were read at: two admins
 * editing from the same copy no longer lose one another's change silently.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller, Res } from "../client.js";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

async function send(
  who: Caller,
  method: "PATCH" | "PUT",
  url: string,
  body: unknown,
  headers = {},
): Promise<Res> {
  const res = await who.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${who.token}`, ...headers },
    payload: body as object,
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null, headers: res.headers };
}

describe.each(DATABASES)("versioned settings edits on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await startApp(kind);
    staff = await seedStaff(t.app);
  });
  afterAll(async () => t?.close());

  it("company: a save from a stale copy is 409 with the current settings; fields not sent are kept", async () => {
    const read = await staff.admin.get("/api/settings/company");
    expect(read.status).toBe(200);
    const base = read.body.version as number;
    const a = await staff.admin.put("/api/settings/company", {
      supportPhone: "(55) 1234-5678",
      version: base,
    });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ supportPhone: "(55) 1234-5678", name: read.body.name, version: base + 1 });

    const b = await send(
      staff.admin,
      "PUT",
      "/api/settings/company",
      { address: "Av. Juárez 10" },
      { "if-match": `"${base}"` },
    );
    expect(b.status).toBe(409);
    expect(b.body.error.code).toBe("conflict");
    expect(b.body.error.details.current).toMatchObject({ supportPhone: "(55) 1234-5678", version: base + 1 });

    const again = await staff.admin.put("/api/settings/company", {
      address: "Av. Juárez 10",
      version: base + 1,
    });
    expect(again.status).toBe(200);
    // A's phone survives B's save, which sent only the address.
    expect((await staff.admin.get("/api/settings/company")).body).toMatchObject({
      supportPhone: "(55) 1234-5678",
      address: "Av. Juárez 10",
      version: base + 2,
    });
  });

  it("backup: a save from a stale copy is 409 with the current settings", async () => {
    const read = (await staff.admin.get("/api/settings/backup")).body;
    const { version, ...settings } = read;
    const a = await staff.admin.put("/api/settings/backup", { ...settings, hour: 4, version });
    expect(a.body).toMatchObject({ hour: 4, version: version + 1 });
    const b = await staff.admin.put("/api/settings/backup", { ...settings, keep: 3, version });
    expect(b.status).toBe(409);
    expect(b.body.error.details.current).toMatchObject({ hour: 4, version: version + 1 });
    expect((await staff.admin.get("/api/settings/backup")).body).toMatchObject({
      hour: 4,
      keep: settings.keep,
    });
  });
});
