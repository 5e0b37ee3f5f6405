/**
 * Two dependencies declare `engines: node >=22` (npm warns EBADENGINE on Node 20): cookie@2, which
 * @fastify/cookie uses to read and write the session cookie, and content-disposition@3, which
 * @fastify/static uses for file names. Mesa runs on Node 20, so this proves the parts we rely on work here.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);

describe(`dependencies that declare Node 22 work on ${process.version}`, () => {
  it("cookie@2 writes and reads the session cookie with its attributes", () => {
    const cookie = require("cookie") as {
      stringifySetCookie(c: { name: string; value: string } & Record<string, unknown>): string;
      parseCookie(header: string): Record<string, string | undefined>;
    };
    const header = cookie.stringifySetCookie({
      name: "mesa_session",
      value: "abc.123_XYZ",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      expires: new Date("2026-11-28T00:00:00Z"),
    });
    expect(header).toBe(
      "mesa_session=abc.123_XYZ; Path=/; Expires=Sat, 28 Nov 2026 00:00:00 GMT; HttpOnly; SameSite=Lax",
    );
    expect(cookie.parseCookie("mesa_session=abc.123_XYZ; otro=1")).toEqual({
      mesa_session: "abc.123_XYZ",
      otro: "1",
    });
  });

  it("content-disposition@3 names a file with accents, and reads the header back", () => {
    const cd = require("content-disposition") as {
      create(name: string): string;
      parse(header: string): { type: string; parameters: Record<string, string> };
    };
    const header = cd.create("orden de servicio Ñandú.pdf");
    expect(header).toBe(
      "attachment; filename=\"orden de servicio ?and?.pdf\"; filename*=UTF-8''orden%20de%20servicio%20%C3%91and%C3%BA.pdf",
    );
    expect(cd.parse(header).parameters.filename).toBe("orden de servicio Ñandú.pdf");
  });
});
