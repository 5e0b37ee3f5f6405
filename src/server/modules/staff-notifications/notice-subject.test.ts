import { describe, expect, it } from "vitest";
import { noticeSubject } from "./notify.js";

describe("a staff notice's subject", () => {
  const folio = "OS-2026-000048";
  it.each([
    [
      `${folio} venció su tiempo de respuesta sin atención: Sin red`,
      `${folio} venció su tiempo de respuesta sin atención: Sin red`,
    ],
    [
      `Sergio te regresó ${folio}: Switch. Motivo: Faltan las fotos. Y el cable.`,
      `Sergio te regresó ${folio}: Switch`,
    ],
    [
      `Ana rejected the service order of ${folio}: Printer. Reason: still broken`,
      `Ana rejected the service order of ${folio}: Printer`,
    ],
    ["Mensaje del cliente: hola", `[${folio}] Mensaje del cliente: hola`],
    [`Ferretería S.A. de C.V. escribió en ${folio}`, `Ferretería S.A. de C.V. escribió en ${folio}`],
  ])("%s → %s", (message, subject) => expect(noticeSubject(folio, message)).toBe(subject));

  it("cuts a long one at a word, with an ellipsis", () => {
    const subject = noticeSubject(folio, `${folio} venció: ${"palabra ".repeat(40)}`);
    expect(subject.length).toBeLessThanOrEqual(120);
    expect(subject).toMatch(/palabra…$/);
  });
});
