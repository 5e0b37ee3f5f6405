import { describe, expect, it } from "vitest";
import { updateDetail } from "./historyUpdate";

const labels: Record<string, string> = {
  "ticket.title": "Asunto",
  "ticket.urgent": "Urgente",
  "ticket.category": "Categoría",
  "ticket.kind": "Tipo de servicio",
  "ticket.responseDue": "Respuesta a más tardar",
  "ticket.estimatedSolution": "Solución estimada",
  "history.billableMinutes": "Tiempo facturable",
  "ticket.billingStatus": "Estado de cobro",
  "kind.event": "Evento",
  "kind.contract": "Póliza",
  "billing.no_charge": "Sin cargo",
  "billing.pending": "Pendiente",
  "common.yes": "Sí",
  "common.no": "No",
  "history.kindKept": "Tipo de servicio: {kind}, se mantiene aunque cambie la categoría",
};
const t = ((key: string, params?: Record<string, string>) =>
  (labels[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => params?.[k] ?? "")) as Parameters<
  typeof updateDetail
>[0];
const names: Record<string, string> = { impresoras: "Impresoras", hosting: "Hosting" };
const categoryName = (code: string) => names[code] ?? code;

describe("a «Datos modificados» line says what changed", () => {
  it.each([
    [
      {
        category: { from: "impresoras", to: "hosting" },
        service_kind: { from: "event", to: "contract" },
        contract_id: { from: null, to: "k-1" },
        kindByCoverage: true,
      },
      "Categoría: Impresoras → Hosting · Tipo de servicio: Evento → Póliza",
    ],
    [{ urgent: { from: 0, to: 1 } }, "Urgente: No → Sí"],
    [{ category: { from: null, to: "hosting" } }, "Categoría: — → Hosting"],
    [{ estimated_solution_minutes: { from: 60, to: 90 } }, "Solución estimada: 1 h → 1 h 30 min"],
    [{ billing_status: { from: "pending", to: "no_charge" } }, "Estado de cobro: Pendiente → Sin cargo"],
    [{ title: { from: "Sin red", to: "Sin red en bodega" } }, "Asunto: Sin red → Sin red en bodega"],
    [
      { category: { from: "hosting", to: "impresoras" }, kindKeptByHand: "contract" },
      "Categoría: Hosting → Impresoras · Tipo de servicio: Póliza, se mantiene aunque cambie la categoría",
    ],
    [{ kindKeptByHand: "event" }, "Tipo de servicio: Evento, se mantiene aunque cambie la categoría"],
  ])("%j → %s", (changes, said) => {
    expect(updateDetail(t, changes, categoryName)).toBe(said);
  });

  it.each([
    [null],
    [{}],
    [{ description: { from: "a", to: "b" } }],
    [{ contact_id: { from: "c1", to: "c2" } }],
  ])("says nothing of its own for %j", (changes) => {
    expect(updateDetail(t, changes, categoryName)).toBeNull();
  });
});
