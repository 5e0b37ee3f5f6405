import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyQueueKeys } from "../../src/server/platform/database/migrations/021_search_queue_keys.js";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

interface Item {
  id: string;
  folio: string;
  title: string;
  urgent: boolean;
  status: string;
  clientId: string;
  assigneeId: string | null;
  responseDueAt: string;
  responseBreached: boolean;
}

const local = (hhmm: string) => `2026-11-24T${hhmm}:00-06:00`; // Tuesday, Mexico City

describe.each(DATABASES)("ticket list on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const time = manualClock(local("10:00"));
  const ids: Record<string, string> = {};
  const clients = { a: "", b: "" };

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    clients.a = (
      await createClientWithContact(s, "Constructora Ñandú", "CÑA010203AB5", "ana@nandu.mx")
    ).client.id;
    clients.b = (
      await createClientWithContact(s, "Papelería Sin Póliza", "PSP990101AAA", "c@psp.mx")
    ).client.id;
    const contract = { clientId: clients.a, type: "SS", startsOn: "2026-01-01", monthlyFeeCents: 100000 };
    expect((await s.leader.post("/api/contracts", contract)).status).toBe(201);
    const create = async (
      key: string,
      client: "a" | "b",
      title: string,
      urgent: boolean,
      description = "",
    ) => {
      const r = await s.reception.post("/api/tickets", {
        clientId: clients[client],
        title,
        description,
        urgent,
        channel: "phone",
      });
      expect(r.status).toBe(201);
      ids[key] = r.body.id;
    };
    const go = (who: keyof Staff, key: string, body: object) =>
      s[who].post(`/api/tickets/${ids[key]}/transitions`, body);
    // Contract: urgent 1 h, normal 2 h. Event: urgent 4 h, normal 8 h (business hours, 09–17).
    await create("mail", "a", "Correo electrónico caído", true); // due 11:00
    await create("printer", "a", "Impresora atascada", false, "La bandeja 2 no jala papel"); // due 12:00
    await create("antivirus", "b", "Instalar antivirus", false); // due Wed 10:00
    await create("server", "b", "Servidor caído", true); // due 14:00
    await create("dup", "a", "Duplicado", false); // due 12:00, cancelled below
    expect(
      (await go("reception", "mail", { action: "assign", assigneeId: s.technician.user!.id })).status,
    ).toBe(200);
    expect(
      (await go("reception", "printer", { action: "assign", assigneeId: s.technician.user!.id })).status,
    ).toBe(200);
    expect(
      (await go("reception", "server", { action: "assign", assigneeId: s.technician2.user!.id })).status,
    ).toBe(200);
    expect((await go("reception", "dup", { action: "cancel", reason: "Llamó dos veces" })).status).toBe(200);
    time.set(local("10:20"));
    expect((await go("technician", "mail", { action: "start" })).status).toBe(200); // responded in time
  });
  afterAll(async () => t?.close());

  const list = async (query: string): Promise<Item[]> => {
    const r = await s.reception.get(`/api/tickets?limit=200&${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items;
  };
  const keysOf = (items: Item[]) =>
    items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id) ?? "other").sort();
  const keys = async (query: string) => keysOf(await list(query));

  it("filters by a comma list of statuses", async () => {
    expect(await keys("status=new")).toEqual(["antivirus"]);
    expect(await keys("status=assigned,in_progress")).toEqual(["mail", "printer", "server"]);
    expect(await keys("status=cancelled,closed")).toEqual(["dup"]);
  });

  it("filters by client, assignee, unassigned and urgency", async () => {
    expect(await keys(`clientId=${clients.a}`)).toEqual(["dup", "mail", "printer"]);
    expect(await keys(`assigneeId=${s.technician.user!.id}`)).toEqual(["mail", "printer"]);
    expect(await keys("unassigned=true")).toEqual(["antivirus", "dup"]);
    expect(await keys("urgent=true")).toEqual(["mail", "server"]);
    expect(await keys("urgent=false")).toEqual(["antivirus", "dup", "printer"]);
    expect(await keys(`urgent=true&clientId=${clients.b}&assigneeId=${s.technician2.user!.id}`)).toEqual([
      "server",
    ]);
  });

  it("searches accent- and case-insensitively in title, description, folio and client name", async () => {
    expect(await keys("q=electronico")).toEqual(["mail"]);
    expect(await keys("q=ELECTRÓNICO")).toEqual(["mail"]);
    expect(await keys("q=caido%20correo")).toEqual(["mail"]); // every word, in any order
    expect(await keys("q=caido")).toEqual(["mail", "server"]);
    expect(await keys("q=bandeja")).toEqual(["printer"]);
    expect(await keys("q=%C3%91and%C3%BA")).toEqual(["dup", "mail", "printer"]); // "Ñandú"
    expect(await keys("q=papeleria")).toEqual(["antivirus", "server"]);
    const server = (await list("q=servidor"))[0]!;
    expect(await keys(`q=${server.folio}`)).toEqual(["server"]);
    expect(await keys(`q=${server.folio.toLowerCase()}`)).toEqual(["server"]);
    expect(await keys("q=z%25_z")).toEqual([]); // LIKE wildcards are not patterns
    // Punctuation typed around a word is not searched for.
    expect(await keys("q=%C2%BFcaido%3F")).toEqual(["mail", "server"]); // "¿caido?"
    expect(await keys("q=caido,%20correo.")).toEqual(["mail"]);
    // Every word must match: more words than the server searches are refused, not cut.
    const nine = await s.reception.get(
      `/api/tickets?q=${encodeURIComponent("uno dos tres cuatro cinco seis siete ocho caido")}`,
    );
    expect(nine.status).toBe(400);
    expect(nine.body.error.details[0].message).toBe(
      "La búsqueda admite hasta 8 palabras (cada una debe aparecer)",
    );
    expect(await keys("q=electronico&status=new")).toEqual([]);
  });

  it("walks every ticket exactly once with the cursor: urgent first, then the oldest deadline", async () => {
    // More tickets, several with the same deadline, so the cursor must break ties.
    for (let i = 0; i < 21; i++) {
      time.set(local(`10:${String(30 + Math.floor(i / 7) * 5).padStart(2, "0")}`));
      const r = await s.reception.post("/api/tickets", {
        clientId: i % 2 ? clients.a : clients.b,
        title: `Lote ${i}`,
        description: "",
        urgent: i % 3 === 0,
        channel: "email",
      });
      expect(r.status).toBe(201);
    }
    const all = await list("");
    expect(all).toHaveLength(26);
    const rank = (i: Item) => `${i.urgent ? 0 : 1} ${i.responseDueAt}`;
    expect(all.map(rank)).toEqual(all.map(rank).sort());

    for (const [query, limit] of [
      ["", 4],
      ["", 1],
      [`clientId=${clients.a}`, 3],
      ["q=lote&urgent=false", 5],
    ] as const) {
      const expected = (await list(query)).map((i) => i.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const qs: string = [query, `limit=${limit}`, cursor ? `cursor=${cursor}` : ""]
          .filter(Boolean)
          .join("&");
        const page = await s.reception.get(`/api/tickets?${qs}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.body.items.map((i: Item) => i.id));
        cursor = page.body.nextCursor;
        expect(++pages).toBeLessThan(100);
      } while (cursor);
      expect(seen).toEqual(expected);
      expect(new Set(seen).size).toBe(seen.length);
    }
  });

  it("refuses a cursor it did not issue with 400", async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    for (const cursor of ["no-es-cursor", b64(["x"]), b64({ urgent: 1 }), b64([1, 5, "id"]), "%E2%9C%93"]) {
      const r = await s.reception.get(`/api/tickets?cursor=${cursor}`);
      expect(r.status, cursor).toBe(400);
      expect(r.body.error.code).toBe("validation_failed");
    }
    // Only 0 or 1 is an urgency a cursor can hold (PostgreSQL refused 0.5 or 1e20 as an integer: a
    // 500 on a search), and no text PostgreSQL cannot hold (NUL, inside the base64).
    const due = "2026-11-24T16:00:00.000Z";
    for (const forged of [
      [0.5, due, "t"],
      [1e20, due, "t"],
      [2, due, "t"],
      [1, "a\u0000", "t"],
      [0, due, "\u0000"],
    ])
      for (const q of ["", "&q=lote", "&q=nandu"]) {
        const r = await s.reception.get(`/api/tickets?cursor=${b64(forged)}${q}`);
        expect(r.status, `${JSON.stringify(forged)} ${q}`).toBe(400);
        expect(r.body.error.code).toBe("validation_failed");
      }
  });

  it("filters breached tickets as the clock passes their deadlines, matching each ticket's flag", async () => {
    const open = "status=new,assigned,in_progress";
    const check = async (at: string, breached: string[]) => {
      time.set(local(at));
      const only = (await keys(`${open}&breached=true`)).filter((k) => k !== "other");
      expect(only, at).toEqual(breached);
      // The filter and the flag on each ticket agree, both ways.
      for (const value of [true, false]) {
        const items = await list(`breached=${value}`);
        expect(items.every((i) => i.responseBreached === value)).toBe(true);
      }
      expect((await list("")).length).toBe(
        (await list("breached=true")).length + (await list("breached=false")).length,
      );
    };
    await check("10:59", []);
    await check("12:00", []); // due at 12:00: not late yet
    await check("12:01", ["printer"]); // mail was answered at 10:20, in time
    await check("14:01", ["printer", "server"]);
    expect(await keys("status=in_progress&breached=false")).toEqual(["mail"]);
    time.set("2026-11-25T10:01:00-06:00");
    expect(await keys(`${open}&breached=true&q=instalar`)).toEqual(["antivirus"]);
  });

  it("answers a search with filters as the filters alone, in the same order, after the tickets moved", async () => {
    // SQLite filters and orders a search's candidates by copies of these columns (migration 021):
    // they must follow every write that changes them.
    const patch = async (key: string, body: object) => {
      const now = await s.reception.get(`/api/tickets/${ids[key]}`);
      const r = await s.leader.patch(`/api/tickets/${ids[key]}`, { ...body, version: now.body.version });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    await patch("printer", { urgent: true });
    await patch("server", { urgent: false });
    const move = await s.reception.post(`/api/tickets/${ids.antivirus}/transitions`, {
      action: "assign",
      assigneeId: s.technician2.user!.id,
    });
    expect(move.status).toBe(200);
    const filters = [
      "",
      "status=assigned",
      "status=new,in_progress",
      `clientId=${clients.a}`,
      `assigneeId=${s.technician2.user!.id}`,
      "unassigned=true",
      "urgent=true",
      "urgent=false",
    ];
    for (const q of ["caido", "a", "ñandu", "papeleria", "lote"]) {
      const found = new Set((await list(`q=${encodeURIComponent(q)}`)).map((i) => i.id));
      for (const f of filters) {
        const alone = (await list(f)).map((i) => i.id).filter((id) => found.has(id));
        const both = (await list([`q=${encodeURIComponent(q)}`, f].filter(Boolean).join("&"))).map(
          (i) => i.id,
        );
        expect(both, `q=${q}&${f}`).toEqual(alone);
      }
    }
  });

  it.runIf(kind === "sqlite")(
    "searches tickets filed before migration 021 once it copied their queue keys",
    async () => {
      const db = t.app.ctx.db;
      const before = await keys(`q=caido&clientId=${clients.b}`);
      expect(before).toEqual(["server"]);
      // As before 021: the search docs had no copy of the queue keys.
      await sql`update ticket_search_docs set urgent = 0, response_due_at = '', status = '', client_id = '', assignee_id = null`.execute(
        db,
      );
      expect(await keys(`q=caido&clientId=${clients.b}`)).toEqual([]);
      await copyQueueKeys(db);
      expect(await keys(`q=caido&clientId=${clients.b}`)).toEqual(before);
    },
  );
});
