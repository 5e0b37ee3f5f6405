import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

/**
 * A póliza makes a request `contract` only when its type covers the request's category (SPEC §1):
 * Hotel Posada del Mar has only an SH (Hospedaje) póliza, so its printer request is an event.
 */
describe.each(DATABASES)("contract type coverage on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const clock = manualClock("2026-03-09T17:00:00Z");

  const clientWith = async (name: string, types: string[]) => {
    const c = await s.reception.post("/api/clients", { name });
    expect(c.status).toBe(201);
    const contracts: Record<string, string> = {};
    for (const [i, type] of types.entries()) {
      const k = await s.sales.post("/api/contracts", {
        clientId: c.body.id,
        type,
        startsOn: `2026-01-0${i + 1}`,
        monthlyFeeCents: 100000,
      });
      expect(k.status).toBe(201);
      contracts[type] = k.body.id;
    }
    return { clientId: c.body.id as string, contracts };
  };

  const file = async (clientId: string, category?: string) => {
    const r = await s.reception.post("/api/tickets", {
      clientId,
      title: "Solicitud",
      description: "",
      urgent: false,
      channel: "phone",
      ...(category ? { category } : {}),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { kind: r.body.serviceKind, contractId: r.body.contractId, id: r.body.id as string };
  };

  const cover = (code: string, coverage: unknown, caller = s.admin, version?: number) =>
    caller.put(`/api/contract-types/${code}/coverage`, { coverage, ...(version ? { version } : {}) });

  let hotel: Awaited<ReturnType<typeof clientWith>>;
  let clinic: Awaited<ReturnType<typeof clientWith>>;
  beforeAll(async () => {
    t = await startApp(kind, { clock: clock.clock });
    s = await seedStaff(t.app);
    const printers = await s.admin.put("/api/categories/impresoras", {
      name: "Impresoras",
      estimateMinutes: 240,
    });
    expect(printers.status).toBe(200);
    hotel = await clientWith("Hotel Posada del Mar", ["SH"]);
    // The newest contract (SH) first: a redes request must still find the older SF.
    clinic = await clientWith("Clínica Dental Sonrisa Norte", ["SF", "SH"]);
  });
  afterAll(() => t.close());

  it("lists every type covering «todas» until an admin narrows it, as before coverage", async () => {
    const types = await s.reception.get("/api/contract-types");
    expect(types.status).toBe(200);
    for (const x of types.body.items) expect(x.coverage).toBe("all");
    expect(await file(hotel.clientId, "impresoras")).toMatchObject({ kind: "contract" });
  });

  it("lets only an admin set a type's coverage, refusing unknown categories in Spanish", async () => {
    expect((await cover("SH", ["hosting"], s.leader)).status).toBe(403);
    expect((await cover("SH", ["hosting"], s.reception)).status).toBe(403);
    const unknown = await cover("SH", ["hosting", "plotters", "faxes"]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(
      "Categorías desconocidas: plotters, faxes. Elige categorías existentes o «Todas las categorías».",
    );
    expect(unknown.body.error.details).toMatchObject({ field: "coverage", codes: ["plotters", "faxes"] });
    const empty = await cover("SH", []);
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].message).toBe(
      "Elige al menos una categoría, o «Todas las categorías»",
    );
    expect((await cover("XX", ["hosting"])).status).toBe(404);
    const sh = await cover("SH", ["hosting"]);
    expect(sh.status, JSON.stringify(sh.body)).toBe(200);
    expect(sh.body).toMatchObject({ code: "SH", coverage: ["hosting"], version: 2 });
    const sf = await cover("SF", ["redes", "fortigate"], s.admin, 1);
    expect(sf.body).toMatchObject({ code: "SF", coverage: ["fortigate", "redes"], version: 2 });
    const stale = await cover("SF", "all", s.admin, 1);
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ coverage: ["fortigate", "redes"], version: 2 });
    const trail = await s.admin.get("/api/audit?entity=contract_type&entityId=SH");
    expect(trail.body.items.at(-1)).toMatchObject({ action: "coverage", changes: { coverage: ["hosting"] } });
  });

  it("files an SH-only client's printer request as an event, and its hosting request under SH", async () => {
    expect(await file(hotel.clientId, "impresoras")).toMatchObject({ kind: "event", contractId: null });
    expect(await file(hotel.clientId, "hosting")).toMatchObject({
      kind: "contract",
      contractId: hotel.contracts.SH,
    });
  });

  it("says in the history which pólizas did not cover a request filed per event, and nothing otherwise", async () => {
    const created = async (id: string) =>
      (await s.leader.get(`/api/tickets/${id}`)).body.history.find(
        (h: { action: string }) => h.action === "create",
      ).changes;
    const printer = await file(clinic.clientId, "impresoras");
    expect(await created(printer.id)).toMatchObject({
      serviceKind: "event",
      uncoveredBy: ["SH", "SF"],
      uncoveredCategory: "Impresoras",
    });
    const covered = await created((await file(clinic.clientId, "redes")).id);
    expect(covered.uncoveredBy).toBeUndefined();
    // A client without any póliza is per event for that reason alone: nothing to name.
    const none = await clientWith("Papelería Sin Póliza", []);
    expect((await created((await file(none.clientId, "impresoras")).id)).uncoveredBy).toBeUndefined();
  });

  it("files a request with no category under any póliza in force, as before", async () => {
    expect(await file(hotel.clientId)).toMatchObject({ kind: "contract", contractId: hotel.contracts.SH });
  });

  it("files a redes request under the SF póliza that covers it, though SH is newer", async () => {
    expect(await file(clinic.clientId, "redes")).toMatchObject({
      kind: "contract",
      contractId: clinic.contracts.SF,
    });
    expect(await file(clinic.clientId, "hosting")).toMatchObject({ contractId: clinic.contracts.SH });
    expect(await file(clinic.clientId, "impresoras")).toMatchObject({ kind: "event" });
  });

  it("a kind set to póliza by hand, with a reason, takes the covering contract, else any in force", async () => {
    const redes = await file(clinic.clientId);
    expect(redes.contractId).toBe(clinic.contracts.SH);
    const toEvent = await s.reception.patch(`/api/tickets/${redes.id}`, {
      serviceKind: "event",
      category: "redes",
      reason: "Se cobra por evento",
    });
    expect(toEvent.status, JSON.stringify(toEvent.body)).toBe(200);
    const back = await s.reception.patch(`/api/tickets/${redes.id}`, {
      serviceKind: "contract",
      reason: "Es de la póliza",
    });
    expect(back.body).toMatchObject({ serviceKind: "contract", contractId: clinic.contracts.SF });
    const printer = await file(hotel.clientId, "impresoras");
    const byHand = await s.reception.patch(`/api/tickets/${printer.id}`, {
      serviceKind: "contract",
      reason: "Su cotización incluye la impresora",
    });
    expect(byHand.body).toMatchObject({ serviceKind: "contract", contractId: hotel.contracts.SH });
  });

  /** Reception changes only the category; what the ticket's kind, contract and deadline became. */
  const reclassify = async (id: string, category: string) => {
    const r = await s.reception.patch(`/api/tickets/${id}`, { category });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return { kind: r.body.serviceKind, contractId: r.body.contractId, due: r.body.responseDueAt };
  };

  it("a new category decides the kind again, as intake would have, unless the kind was set by hand", async () => {
    const printer = await file(hotel.clientId, "impresoras");
    const before = (await s.reception.get(`/api/tickets/${printer.id}`)).body.responseDueAt;
    // The technician finds it is the hosting: SH covers that, with its own response target.
    const hosting = await reclassify(printer.id, "hosting");
    expect(hosting).toMatchObject({ kind: "contract", contractId: hotel.contracts.SH });
    expect(hosting.due).not.toBe(before);
    const history = (await s.leader.get(`/api/tickets/${printer.id}`)).body.history;
    expect(history.at(-1)).toMatchObject({
      action: "update",
      changes: { category: { to: "hosting" }, service_kind: { from: "event", to: "contract" } },
    });
    expect(await reclassify(printer.id, "impresoras")).toMatchObject({ kind: "event", contractId: null });
    // Within the clinic's two pólizas the contract follows the category too.
    const clinicTicket = await file(clinic.clientId, "redes");
    expect(await reclassify(clinicTicket.id, "hosting")).toMatchObject({ contractId: clinic.contracts.SH });

    // Set by hand with a reason, the kind stands through later changes of category.
    const byHand = await file(hotel.clientId, "hosting");
    const set = await s.reception.patch(`/api/tickets/${byHand.id}`, {
      serviceKind: "event",
      reason: "Fuera del alcance de la póliza",
    });
    expect(set.status).toBe(200);
    expect(await reclassify(byHand.id, "impresoras")).toMatchObject({ kind: "event" });
    expect(await reclassify(byHand.id, "hosting")).toMatchObject({ kind: "event", contractId: null });

    // Once responded to, its response was measured against its kind's deadline then: a later category
    // changes neither (it would make an answered ticket breached after the fact).
    const answered = await file(hotel.clientId, "impresoras");
    await s.reception.post(`/api/tickets/${answered.id}/transitions`, {
      action: "assign",
      assigneeId: s.technician.user!.id,
    });
    const started = await s.technician.post(`/api/tickets/${answered.id}/transitions`, { action: "start" });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const due = started.body.responseDueAt;
    expect(await reclassify(answered.id, "hosting")).toMatchObject({ kind: "event", contractId: null, due });
  });

  it("a kind kept by hand, with a reason, stands through later categories and follows their póliza", async () => {
    // Kept by hand beside a new category (the kind named as it is, with a reason), it stands too.
    const kept = await file(hotel.clientId, "hosting");
    const keep = await s.reception.patch(`/api/tickets/${kept.id}`, {
      category: "impresoras",
      serviceKind: "contract",
      reason: "La cotización de la póliza incluye sus impresoras",
    });
    expect(keep.status, JSON.stringify(keep.body)).toBe(200);
    expect(keep.body).toMatchObject({ serviceKind: "contract", contractId: hotel.contracts.SH });
    expect(await reclassify(kept.id, "redes")).toMatchObject({
      kind: "contract",
      contractId: hotel.contracts.SH,
    });
    // Kept by hand under two pólizas, the contract still follows the category: SH covers hosting.
    const clinicKept = await file(clinic.clientId, "redes");
    expect(clinicKept.contractId).toBe(clinic.contracts.SF);
    const toHosting = await s.reception.patch(`/api/tickets/${clinicKept.id}`, {
      category: "hosting",
      serviceKind: "contract",
      reason: "Sigue siendo de póliza",
    });
    expect(toHosting.body).toMatchObject({ serviceKind: "contract", contractId: clinic.contracts.SH });
    // Kept by hand with nothing else changed: said in the history, and later categories leave it.
    const pinned = await file(hotel.clientId, "hosting");
    const pin = await s.reception.patch(`/api/tickets/${pinned.id}`, {
      serviceKind: "contract",
      reason: "El cliente pagó la ampliación de su póliza",
    });
    expect(pin.status, JSON.stringify(pin.body)).toBe(200);
    const pinnedHistory = (await s.reception.get(`/api/tickets/${pinned.id}`)).body.history;
    expect(pinnedHistory.at(-1)).toMatchObject({
      action: "update",
      reason: "El cliente pagó la ampliación de su póliza",
      changes: { kindKeptByHand: "contract" },
    });
    expect(await reclassify(pinned.id, "impresoras")).toMatchObject({
      kind: "contract",
      contractId: hotel.contracts.SH,
    });
  });

  it("tells reception which pólizas a caller has in the lookup", async () => {
    const found = await s.reception.get(`/api/lookup/callers?q=${encodeURIComponent("Posada")}`);
    expect(found.status).toBe(200);
    expect(found.body.items[0]).toMatchObject({ activeContract: true, activeContractTypes: ["SH"] });
    const clinicHit = await s.reception.get(`/api/lookup/callers?q=${encodeURIComponent("Sonrisa")}`);
    expect(clinicHit.body.items[0]).toMatchObject({
      activeContract: true,
      activeContractTypes: ["SF", "SH"],
    });
    const none = await s.reception.post("/api/clients", { name: "Papelería Sin Póliza" });
    expect(none.status).toBe(201);
    const noneHit = await s.reception.get(`/api/lookup/callers?q=${encodeURIComponent("Papelería Sin")}`);
    expect(noneHit.body.items[0]).toMatchObject({ activeContract: false, activeContractTypes: [] });
  });
});
