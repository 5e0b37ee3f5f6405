import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TicketSummary } from "../../src/contract/tickets.js";
import type { Caller } from "../client.js";
import { clientUser, createClientWithContact, type Staff, seedStaff, validRfc } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";
import { TICKET_KEYS } from "../support/client-facing-keys.js";

/**
 * `GET /api/tickets?view=summary`: each ticket as a list row, as the web app's queues ask for it —
 * the same tickets, order, cursors and computed SLA as the full page, without the description and
 * the fields a row does not show. The default (no `view`) stays the full ticket.
 */
const SUMMARY_KEYS = Object.keys(TicketSummary.shape).sort();
const keys = (o: object) => Object.keys(o).sort();
type Row = Record<string, unknown> & { id: string };

describe.each(DATABASES)("ticket list rows (view=summary), on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let portal: Caller;
  let clientId = "";

  beforeAll(async () => {
    t = await startApp(kind);
    s = await seedStaff(t.app);
    const acme = await createClientWithContact(s, "Acme Resumen", validRfc("ARE070707AB"), "ana@acme-res.mx");
    clientId = acme.client.id;
    portal = await clientUser(s, clientId, "portal@acme-res.mx");
    for (let i = 0; i < 5; i++) {
      const made = await s.reception.post("/api/tickets", {
        clientId,
        contactId: acme.contact.id,
        title: `Impresora ${i} sin tóner`,
        description: `Descripción larga ${"x".repeat(2000)} ${i}`,
        urgent: i === 3,
        channel: "phone",
      });
      expect(made.status).toBe(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("gives the rows of the full page, in its order and with its cursors, without the description", async () => {
    const full = await s.reception.get("/api/tickets?limit=2");
    const rows = await s.reception.get("/api/tickets?limit=2&view=summary");
    expect(rows.status).toBe(200);
    expect(rows.body.view).toBe("summary");
    expect(full.body).not.toHaveProperty("view");
    expect(rows.body.items).toHaveLength(2);
    for (const row of rows.body.items as Row[]) expect(keys(row)).toEqual(SUMMARY_KEYS);
    // Every field a row has is the full ticket's, computed alike (SLA state, minutes, actions).
    const fullItems = full.body.items as Row[];
    expect(rows.body.items).toEqual(
      fullItems.map((f) => Object.fromEntries(SUMMARY_KEYS.map((k) => [k, f[k]]))),
    );
    expect(rows.body.nextCursor).toBe(full.body.nextCursor);
    expect(JSON.stringify(rows.body)).not.toContain("Descripción larga");
    const next = await s.reception.get(`/api/tickets?limit=2&view=summary&cursor=${rows.body.nextCursor}`);
    const fullNext = await s.reception.get(`/api/tickets?limit=2&cursor=${full.body.nextCursor}`);
    expect((next.body.items as Row[]).map((r) => r.id)).toEqual(
      (fullNext.body.items as Row[]).map((r) => r.id),
    );
  });

  it("filters and searches as the full page does", async () => {
    for (const query of ["q=impresora%202", "urgent=true", `clientId=${clientId}&status=new`]) {
      const full = await s.reception.get(`/api/tickets?${query}`);
      const rows = await s.reception.get(`/api/tickets?${query}&view=summary`);
      expect(rows.status).toBe(200);
      expect((rows.body.items as Row[]).map((r) => r.id)).toEqual(
        (full.body.items as Row[]).map((r) => r.id),
      );
      expect(rows.body.items.length).toBeGreaterThan(0);
    }
  });

  it("keeps the full ticket as the default, and a client contact's own shape either way", async () => {
    const full = await s.reception.get("/api/tickets?view=full&limit=1");
    expect(full.body.items[0].description).toMatch(/^Descripción larga/);
    const mine = await portal.get("/api/tickets?view=summary");
    expect(mine.status).toBe(200);
    expect(mine.body).not.toHaveProperty("view");
    expect(mine.body.items).toHaveLength(5);
    for (const row of mine.body.items as Row[]) expect(keys(row)).toEqual([...TICKET_KEYS].sort());
  });

  it("refuses an unknown view with 400 and names the field", async () => {
    const bad = await s.reception.get("/api/tickets?view=compact");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain("view");
  });
});
