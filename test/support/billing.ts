/** Shared steps of the billing suites: clients, contracts and tickets walked to reviewed or closed. */
import { expect } from "vitest";
import type { Caller } from "../client.js";
import { type Staff, validRfc } from "../fixtures.js";

let rfcSeq = 0;

export async function newClient(s: Staff, name: string, email: string) {
  rfcSeq++;
  const client = await s.admin.post("/api/clients", {
    name,
    rfc: validRfc(`XYZ0101${String(rfcSeq).padStart(2, "0")}AB`),
  });
  expect(client.status, JSON.stringify(client.body)).toBe(201);
  const contact = await s.reception.post("/api/contacts", {
    clientId: client.body.id,
    name: `Contacto ${name}`,
    email,
  });
  expect(contact.status, JSON.stringify(contact.body)).toBe(201);
  return client.body.id as string;
}

export async function newContract(s: Staff, clientId: string, body: object = {}) {
  const res = await s.leader.post("/api/contracts", {
    clientId,
    type: "SS",
    startsOn: "2025-12-01",
    monthlyFeeCents: 350_000,
    includedMinutesPerMonth: 600,
    overageRateCents: 45_000,
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

export interface WorkPlan {
  clientId: string;
  category?: string;
  entries: { minutes: number; mode: "onsite" | "office" | "remote" | "phone" }[];
  charges?: { kind: string; description: string; quantity: number; unitPriceCents: number }[];
}

/** A ticket with its time and charges, attended and accepted (ready for review). */
export async function attendedTicket(s: Staff, plan: WorkPlan) {
  const t = await s.reception.post("/api/tickets", {
    clientId: plan.clientId,
    title: "Servicio",
    description: "Trabajo facturable",
    urgent: false,
    channel: "phone",
    ...(plan.category ? { category: plan.category } : {}),
  });
  expect(t.status, JSON.stringify(t.body)).toBe(201);
  const id = t.body.id as string;
  const go = (who: Caller, body: object) => who.post(`/api/tickets/${id}/transitions`, body);
  expect((await go(s.reception, { action: "assign", assigneeId: s.technician.user!.id })).status).toBe(200);
  expect((await go(s.technician, { action: "start" })).status).toBe(200);
  for (const e of plan.entries) {
    const r = await s.technician.post(`/api/tickets/${id}/time-entries`, { ...e, activity: "Trabajo" });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  for (const c of plan.charges ?? []) {
    const r = await s.technician.post(`/api/tickets/${id}/charges`, c);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  expect((await go(s.technician, { action: "attend" })).status).toBe(200);
  expect((await go(s.technician, { action: "accept", signerName: "Firma" })).status).toBe(200);
  return { id, folio: t.body.folio as string, serviceKind: t.body.serviceKind as string };
}

export async function review(s: Staff, id: string) {
  const r = await s.senior.post(`/api/tickets/${id}/transitions`, { action: "review" });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

export async function close(s: Staff, id: string, body: object = {}) {
  const r = await s.leader.post(`/api/tickets/${id}/transitions`, { action: "close", ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** A raw request with the caller's token (CSV and PDF answers are not JSON). */
export async function raw(c: Caller, method: "GET" | "POST", url: string, payload?: object) {
  return c.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${c.token}` },
    ...(payload ? { payload } : {}),
  });
}

export type InvoiceStatus = "draft" | "issued" | "exported" | "paid" | "cancelled";

/**
 * A real invoice of `clientId` walked to `status` through the billing API: a closed event ticket's
 * draft, its lines replaced by one line of `subtotalCents` (total = subtotal + 16 % IVA, half-up).
 */
export async function invoiceIn(s: Staff, clientId: string, subtotalCents: number, status: InvoiceStatus) {
  const ev = await attendedTicket(s, { clientId, entries: [{ minutes: 30, mode: "remote" }] });
  await review(s, ev.id);
  await close(s, ev.id);
  const drafts = (await s.leader.get(`/api/invoices?clientId=${clientId}&status=draft`)).body.items;
  const draft = drafts.find((i: { ticketId: string }) => i.ticketId === ev.id);
  const ok = async (r: Promise<{ status: number; body: any }>) => {
    const res = await r;
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const url = `/api/invoices/${draft.id}`;
  const line = { description: "Servicio", quantity: 1, unitPriceCents: subtotalCents };
  const edited = await ok(s.leader.patch(url, { lines: [line] }));
  if (status === "draft") return edited;
  if (status === "cancelled") return ok(s.leader.post(`${url}/cancel`, { reason: "Prueba" }));
  const issued = await ok(s.leader.post(`${url}/issue`));
  if (status === "issued") return issued;
  if (status === "paid") return ok(s.leader.post(`${url}/paid`));
  const exp = await raw(s.leader, "POST", "/api/billing/exports", { format: "csv", invoiceIds: [draft.id] });
  expect(exp.statusCode, exp.body).toBe(200);
  return ok(s.leader.get(url));
}
