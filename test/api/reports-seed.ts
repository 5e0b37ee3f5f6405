/**
 * The month the reports suite reads: November 2026 on Mexico City time (UTC−6, no DST), driven
 * through the API with the clock moved by hand, so every stored instant is known to the minute.
 * Monday 16 Nov is a statutory holiday (Revolution Day); 14–15 and 21–22 are weekends.
 */
import { createClientWithContact, type Staff } from "../fixtures.js";
import type { manualClock } from "../harness.js";

type Clock = ReturnType<typeof manualClock>;
/** Local Mexico City wall time → UTC instant text. */
export const mx = (local: string) => new Date(`${local}:00-06:00`).toISOString();

export interface Seeded {
  ids: Record<"A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I", string>;
  folios: Record<string, string>;
  contractId: string;
  polizaClient: string;
  eventClient: string;
}

export async function seedMonth(staff: Staff, time: Clock): Promise<Seeded> {
  time.set(mx("2026-10-01T09:00"));
  const poliza = await createClientWithContact(staff, "Óptica Núñez", "ONU010203AB2", "ana@optica.mx");
  const evento = await createClientWithContact(staff, "Papelería Sin Póliza", "PSP990101AAA", "c@psp.mx");
  const contract = await staff.leader.post("/api/contracts", {
    clientId: poliza.client.id,
    type: "SS",
    startsOn: "2026-01-01",
    monthlyFeeCents: 350000,
    includedMinutesPerMonth: 600,
    overageRateCents: 90000,
  });
  if (contract.status !== 201) throw new Error(JSON.stringify(contract.body));
  const tomas = staff.technician.user!.id;
  const teresa = staff.technician2.user!.id;
  const ids = {} as Seeded["ids"];
  const folios: Record<string, string> = {};

  const create = async (key: keyof Seeded["ids"], at: string, body: object) => {
    time.set(mx(at));
    const res = await staff.reception.post("/api/tickets", { description: "d", channel: "phone", ...body });
    if (res.status !== 201) throw new Error(`${key}: ${JSON.stringify(res.body)}`);
    ids[key] = res.body.id;
    folios[key] = res.body.folio;
    return res.body;
  };
  const step = async (
    who: keyof Staff,
    key: keyof Seeded["ids"],
    at: string,
    body: object,
    path = "transitions",
  ) => {
    time.set(mx(at));
    const res = await staff[who].post(`/api/tickets/${ids[key]}/${path}`, body);
    if (res.status >= 300) throw new Error(`${key} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const P = { clientId: poliza.client.id };
  const E = { clientId: evento.client.id };

  // H: October, never answered — outside the month, inside the dashboard's breached list.
  await create("H", "2026-10-30T10:00", { ...E, title: "H", urgent: false });
  // B: contract urgent, answered in 30 min, attended, reviewed (90 min), closed to invoice, surveyed.
  await create("B", "2026-11-09T10:00", { ...P, title: "B", urgent: true, category: "redes" });
  await step("reception", "B", "2026-11-09T10:00", { action: "assign", assigneeId: tomas });
  await step("technician", "B", "2026-11-09T10:30", { action: "start" });
  await step(
    "technician",
    "B",
    "2026-11-09T13:00",
    { minutes: 90, mode: "remote", activity: "VLAN" },
    "time-entries",
  );
  await step(
    "technician",
    "B",
    "2026-11-09T13:00",
    { kind: "consumable", description: 'Cable "UTP", 3 m', quantity: 1, unitPriceCents: 25000 },
    "charges",
  );
  await step("technician", "B", "2026-11-09T14:00", { action: "attend" });
  await step("technician", "B", "2026-11-09T14:00", { action: "accept", signerName: "Ana" });
  await step("senior", "B", "2026-11-09T15:00", { action: "review" });
  await step("leader", "B", "2026-11-10T10:00", { action: "close", billingStatus: "to_invoice" });
  await step("reception", "B", "2026-11-11T10:00", { overall: 5, technician: 4, timeliness: 5 }, "survey");
  // A: contract normal, Friday 16:00 → due Tuesday 10:00 (weekend and the holiday skipped), answered 11:00.
  await create("A", "2026-11-13T16:00", { ...P, title: "A", urgent: false, category: "fortigate" });
  await step("reception", "A", "2026-11-13T16:00", { action: "assign", assigneeId: tomas });
  await step("technician", "A", "2026-11-17T11:00", { action: "start" });
  // C: event normal, never answered.
  await create("C", "2026-11-18T09:00", { ...E, title: "C", urgent: false, category: "soporte" });
  // D: event normal made urgent half an hour later: due Friday 11:00 instead of 15:00; answered 12:00.
  await create("D", "2026-11-19T15:00", { ...E, title: "D", urgent: false, category: "soporte" });
  time.set(mx("2026-11-19T15:30"));
  const patched = await staff.reception.patch(`/api/tickets/${ids.D}`, {
    urgent: true,
    reason: "Dejó de operar",
  });
  if (patched.body.responseDueAt !== mx("2026-11-20T11:00")) throw new Error(JSON.stringify(patched.body));
  await step("reception", "D", "2026-11-19T15:30", { action: "assign", assigneeId: teresa });
  await step("technician2", "D", "2026-11-20T12:00", { action: "start" });
  // G: event normal on a Saturday: the clock starts Monday 09:00, answered Monday 16:00.
  await create("G", "2026-11-21T10:00", { ...E, title: "G", urgent: false, category: "windows-server" });
  await step("reception", "G", "2026-11-21T10:00", { action: "assign", assigneeId: tomas });
  // E: cancelled, excluded everywhere.
  await create("E", "2026-11-23T10:00", { ...E, title: "E", urgent: false, category: "soporte" });
  await step("reception", "E", "2026-11-23T10:05", { action: "cancel", reason: "Duplicado" });
  await step("technician", "G", "2026-11-23T16:00", { action: "start" });
  await step(
    "technician",
    "G",
    "2026-11-24T09:30",
    { minutes: 60, mode: "onsite", activity: "Disco" },
    "time-entries",
  );
  await step("technician", "G", "2026-11-24T10:00", { action: "attend" });
  // F: contract normal Monday 16:30 → due Tuesday 1 Dec 10:30, still pending at "now".
  await create("F", "2026-11-30T16:30", { ...P, title: "F", urgent: false });
  // I: today's intake.
  await create("I", "2026-12-01T09:00", { ...P, title: "I", urgent: false });
  await step(
    "technician",
    "A",
    "2026-12-01T09:30",
    { minutes: 45, mode: "remote", activity: "Reglas" },
    "time-entries",
  );
  time.set(mx("2026-12-01T10:05"));
  return {
    ids,
    folios,
    contractId: contract.body.id,
    polizaClient: poliza.client.id,
    eventClient: evento.client.id,
  };
}
