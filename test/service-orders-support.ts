import type { Staff } from "./fixtures.js";

/** A ticket of the client taken through assign → start → time entries and a charge → attend. */
export async function attendedTicket(
  staff: Staff,
  who: { client: { id: string }; contact: { id: string } },
  title: string,
): Promise<{ id: string; folio: string }> {
  const ok = <T extends { status: number; body: unknown }>(res: T, what: string): T => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const created = ok(
    await staff.reception.post("/api/tickets", {
      clientId: who.client.id,
      contactId: who.contact.id,
      title,
      description: "El equipo no arranca.",
      urgent: false,
      channel: "phone",
    }),
    "create",
  );
  const id = created.body.id as string;
  const go = async (as: keyof Staff, body: object) =>
    ok(await staff[as].post(`/api/tickets/${id}/transitions`, body), JSON.stringify(body));
  await go("reception", { action: "assign", assigneeId: staff.technician.user!.id });
  await go("technician", { action: "start" });
  for (const [minutes, mode, activity] of [
    [45, "remote", "Diagnóstico remoto del arranque"],
    [30, "onsite", "Cambio de fuente de poder"],
  ] as const) {
    ok(await staff.technician.post(`/api/tickets/${id}/time-entries`, { minutes, mode, activity }), "entry");
  }
  ok(
    await staff.technician.post(`/api/tickets/${id}/charges`, {
      kind: "spare_part",
      description: "Fuente de poder 500 W",
      quantity: 1,
      unitPriceCents: 85000,
    }),
    "charge",
  );
  await go("technician", { action: "attend" });
  return { id, folio: created.body.folio as string };
}
