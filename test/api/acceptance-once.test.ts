import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../client.js";
import { clientUser, createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";
import { attendedTicket as attended } from "../service-orders-support.js";

// The client answers a service order once (SPEC §3 step 5): after an acceptance, neither another
// accept (which would replace who signed and when) nor a reject (which would erase it) goes through
// the transitions, from staff or from the client, as the portal's own decision already refuses; the
// way back for work to redo is the review's send_back.
describe.each(DATABASES)("an accepted service order on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let client: Caller;
  let company: { client: { id: string }; contact: { id: string } };

  beforeAll(async () => {
    t = await startApp(kind);
    s = await seedStaff(t.app);
    company = await createClientWithContact(s, "Óptica Sol", "OSO101010AA9", "a@sol.mx");
    client = await clientUser(s, company.client.id, "portal@sol.mx");
  }, 120_000);
  afterAll(async () => t?.close());

  const move = (who: Caller, id: string, body: object) => who.post(`/api/tickets/${id}/transitions`, body);
  const ok = async (who: Caller, id: string, body: object) => {
    const r = await move(who, id, body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  const attendedTicket = async (title: string) => (await attended(s, company, title)).id;

  it("refuses a second accept and a reject, from staff and from the client, and keeps the signature", async () => {
    const id = await attendedTicket("Sin internet");
    // The signer's name is one line (it is printed on the service order and in notices' subjects).
    const accepted = await ok(s.technician, id, { action: "accept", signerName: "Ana\r\nPérez" });
    expect(accepted.acceptance).toMatchObject({ signerName: "Ana Pérez", via: "onsite" });
    for (const who of [s.technician, s.senior, s.admin, client])
      for (const body of [
        { action: "accept", signerName: "Otra Firma" },
        { action: "reject", reason: "Ya no funciona" },
      ]) {
        const r = await move(who, id, body);
        expect(r.status, JSON.stringify(r.body)).toBe(409);
        expect(r.body.error.code).toBe("invalid_transition");
        expect(r.body.error.message).toContain("ya fue aceptada");
      }
    const after = (await s.senior.get(`/api/tickets/${id}`)).body;
    expect(after.status).toBe("attended");
    expect(after.acceptance).toEqual(accepted.acceptance);
    expect(after.availableActions).toEqual(["review", "send_back"]);
    const history = after.history.filter((h: { action: string }) => ["accept", "reject"].includes(h.action));
    expect(history).toHaveLength(1);
  });

  it("asks the client again once the review sends the work back and it is attended anew", async () => {
    const id = await attendedTicket("Impresora");
    await ok(client, id, { action: "accept" });
    expect((await move(s.technician, id, { action: "accept", signerName: "X" })).status).toBe(409);
    const back = await ok(s.senior, id, { action: "send_back", reason: "Falta la visita" });
    expect(back.acceptance).toBeNull();
    await ok(s.technician, id, { action: "attend" });
    const open = (await s.technician.get(`/api/tickets/${id}`)).body;
    expect(open.availableActions).toEqual(expect.arrayContaining(["accept", "reject"]));
    const again = await ok(s.technician, id, { action: "accept", signerName: "Luis Gómez" });
    expect(again.acceptance).toMatchObject({ signerName: "Luis Gómez", via: "onsite" });
  });

  it("still lets the client reject an order not yet answered", async () => {
    const id = await attendedTicket("Correo");
    const rejected = await ok(client, id, { action: "reject", reason: "Sigue fallando" });
    expect(rejected.status).toBe("in_progress");
    expect((await s.technician.get(`/api/tickets/${id}`)).body.returnedBy).toBe("client");
  });
});
