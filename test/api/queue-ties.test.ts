import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

// A weekend's intake is all due at Monday's opening: the queue lists tickets due at the same moment in
// the order they were registered (ids are time-ordered, UUID v7), page after page, not shuffled.
describe.each(DATABASES)("tickets due at the same moment on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const time = manualClock("2026-12-05T16:00:00Z"); // Saturday 10:00 in Mexico City

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
  }, 120_000);
  afterAll(async () => t?.close());

  it("are listed oldest first, across pages", async () => {
    const { client } = await createClientWithContact(s, "Hotel Alba", "HAL101010AA2", "a@alba.mx");
    const folios: string[] = [];
    for (let i = 0; i < 8; i++) {
      const body = {
        clientId: client.id,
        title: `Falla ${i}`,
        description: "",
        urgent: false,
        channel: "phone",
      };
      const r = await s.reception.post("/api/tickets", body);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      folios.push(r.body.folio);
      time.advance(7 * 60_000);
    }
    const first = await s.reception.get(`/api/tickets?clientId=${client.id}&limit=5`);
    const due = new Set(first.body.items.map((x: { responseDueAt: string }) => x.responseDueAt));
    expect(due.size).toBe(1); // the same deadline: only the tie-break orders them
    const rest = await s.reception.get(
      `/api/tickets?clientId=${client.id}&limit=5&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    const listed = [...first.body.items, ...rest.body.items].map((x: { folio: string }) => x.folio);
    expect(listed).toEqual(folios);
    const rows = await s.reception.get(`/api/tickets?clientId=${client.id}&limit=50&view=summary`);
    expect(rows.body.items.map((x: { folio: string }) => x.folio)).toEqual(folios);
  });
});
