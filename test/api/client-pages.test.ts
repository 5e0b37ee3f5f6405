import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientUser, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

interface Item {
  id: string;
  name: string;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

// More clients than one page may hold (limit max 200): the pickers search the server and the clients
// page reads on with the cursor, so a firm's client #201 can be found and listed.
const SEEDED = 230;
const LAST = "Zapatería Ñandú"; // sorts after every «Cliente …»: past the first 200

describe.each(DATABASES)("pages of clients on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  /** Every client, in the list's order: by name, then id (30 names are there twice). */
  let all: Item[] = [];

  const get = async (query: string): Promise<Page> => {
    const r = await s.reception.get(`/api/clients?${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as Page;
  };

  /** Every page of a query, from the first to the one whose nextCursor is null. */
  const walk = async (query: string, limit: number) => {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const qs = [query, `limit=${limit}`, cursor ? `cursor=${encodeURIComponent(cursor)}` : ""];
      const page = await get(qs.filter(Boolean).join("&"));
      expect(page.items.length).toBeLessThanOrEqual(limit);
      pages.push(page);
      cursor = page.nextCursor;
      expect(pages.length).toBeLessThan(300);
    } while (cursor);
    return pages;
  };
  const ids = (pages: Page[]) => pages.flatMap((p) => p.items.map((i) => i.id));

  beforeAll(async () => {
    t = await startApp(kind);
    s = await seedStaff(t.app);
    const names = Array.from({ length: SEEDED }, (_, i) => `Cliente ${String(i % 200).padStart(3, "0")}`);
    for (let i = 0; i < names.length; i += 10) {
      const batch = names.slice(i, i + 10).map((name) => s.reception.post("/api/clients", { name }));
      for (const r of await Promise.all(batch)) expect(r.status).toBe(201);
    }
    const last = await s.reception.post("/api/clients", { name: LAST });
    expect(last.status).toBe(201);
    const created = await t.app.ctx.db.selectFrom("clients").select(["id", "name"]).execute();
    all = created
      .filter((c) => c.name.startsWith("Cliente ") || c.name === LAST)
      .sort((a, b) => (a.name === b.name ? cmp(a.id, b.id) : cmp(a.name, b.name)));
    expect(all).toHaveLength(SEEDED + 1);
  }, 120_000);
  afterAll(async () => t?.close());

  it("returns every client once, in order (name, then id), over pages of any size", async () => {
    for (const limit of [50, 77, 200, 7]) {
      const pages = await walk("", limit);
      expect(ids(pages), `limit ${limit}`).toEqual(all.map((c) => c.id));
      expect(pages.at(-1)?.nextCursor).toBeNull();
    }
    // 231 clients in three full pages of 77: the third says there is no fourth.
    expect((await walk("", 77)).map((p) => p.items.length)).toEqual([77, 77, 77]);
    // Without a cursor the answer is as it was: the first page, at most 200, by name.
    const first = await get("limit=200");
    expect(first.items.map((i) => i.id)).toEqual(all.slice(0, 200).map((c) => c.id));
    expect(first.items.map((i) => i.name)).not.toContain(LAST);
    expect(first.nextCursor).toEqual(expect.any(String));
  });

  it("pages a search the same way, with its terms", async () => {
    // Each word anywhere in the name: «01» is in 001, 010–019 and 101 (001 and 010–019 there twice).
    const wanted = all.filter((c) => c.name.includes("01"));
    expect(wanted.length).toBe(23);
    expect(ids(await walk("q=cliente%2001", 6))).toEqual(wanted.map((c) => c.id));
  });

  it("finds a client past the first 200 by a search, without accents and in any case", async () => {
    for (const q of ["zapateria nandu", "ZAPATERÍA", "ñandú", "nandu zapa"]) {
      const page = await get(`q=${encodeURIComponent(q)}&limit=50`);
      expect(
        page.items.map((i) => i.name),
        q,
      ).toEqual([LAST]);
      expect(page.nextCursor).toBeNull();
    }
    expect((await get("q=zapateria%20lapiz")).items).toEqual([]);
  });

  it("refuses a cursor it did not issue with 400 bad_cursor", async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const forged = [
      "no-es-cursor",
      b64(["x"]),
      b64({ name: "a", id: "b" }),
      b64([1, "id"]),
      b64(["a\u0000", "b"]),
    ];
    for (const cursor of [...forged, "%E2%9C%93"]) {
      const r = await s.reception.get(`/api/clients?cursor=${cursor}`);
      expect(r.status, cursor).toBe(400);
      expect(r.body.error).toMatchObject({
        code: "validation_failed",
        message: "Cursor de paginación inválido.",
        details: { field: "cursor" },
      });
    }
  });

  it("gives a client contact its own company, with no next page", async () => {
    const own = all[0]?.id ?? "";
    const portal = await clientUser(s, own, "contacto@cliente000.mx");
    const r = await portal.get("/api/clients");
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: Item) => i.id)).toEqual([own]);
    expect(r.body.nextCursor).toBeNull();
  });
});

/** Code-unit order: the «Cliente NNN» names and the ids sort so under any collation, and «Z…» after them. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
