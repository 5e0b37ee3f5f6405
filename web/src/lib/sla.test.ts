import { describe, expect, it } from "vitest";
import { loadLocale, translate } from "../i18n";
import { slaText } from "./sla";

const es = (key: Parameters<typeof translate>[1], vars?: Parameters<typeof translate>[2]) =>
  translate("es-MX", key, vars);
const at = "2026-11-16T18:40:00.000Z";

describe("SLA badge words", () => {
  it.each([
    {
      sla: { slaState: "ok", businessMinutesLeft: 90, respondedAt: null },
      text: "Quedan 1 h 30 min hábiles",
    },
    { sla: { slaState: "met", businessMinutesLeft: 30, respondedAt: at }, text: "Respondido" },
    {
      sla: { slaState: "breached", businessMinutesLeft: -147, respondedAt: null },
      text: "Vencido hace 2 h 27 min hábiles",
    },
    // Answered late: a closed ticket must not read as still overdue.
    {
      sla: { slaState: "breached", businessMinutesLeft: -147, respondedAt: at },
      text: "Respondido 2 h 27 min hábiles tarde",
    },
    { sla: { slaState: "breached", businessMinutesLeft: 0, respondedAt: at }, text: "Respondido tarde" },
    // At night, a deadline of 17:00 has passed but no business minute has: not "hace 0 min".
    { sla: { slaState: "breached", businessMinutesLeft: 0, respondedAt: null }, text: "Respuesta vencida" },
  ] as const)("$text", ({ sla, text }) => {
    expect(slaText(es, sla)).toBe(text);
  });

  // One hour or one minute is singular («Queda 1 h hábil»); anything else, zero included, is plural.
  it.each([
    { sla: { slaState: "near", businessMinutesLeft: 60, respondedAt: null }, text: "Queda 1 h hábil" },
    { sla: { slaState: "near", businessMinutesLeft: 1, respondedAt: null }, text: "Queda 1 min hábil" },
    {
      sla: { slaState: "near", businessMinutesLeft: 61, respondedAt: null },
      text: "Quedan 1 h 1 min hábiles",
    },
    { sla: { slaState: "near", businessMinutesLeft: 120, respondedAt: null }, text: "Quedan 2 h hábiles" },
    { sla: { slaState: "near", businessMinutesLeft: 0, respondedAt: null }, text: "Quedan 0 min hábiles" },
    {
      sla: { slaState: "breached", businessMinutesLeft: -60, respondedAt: null },
      text: "Vencido hace 1 h hábil",
    },
    {
      sla: { slaState: "breached", businessMinutesLeft: -1, respondedAt: null },
      text: "Vencido hace 1 min hábil",
    },
    {
      sla: { slaState: "breached", businessMinutesLeft: -60, respondedAt: at },
      text: "Respondido 1 h hábil tarde",
    },
    {
      sla: { slaState: "breached", businessMinutesLeft: -2, respondedAt: at },
      text: "Respondido 2 min hábiles tarde",
    },
  ] as const)("agrees in number: $text", ({ sla, text }) => {
    expect(slaText(es, sla)).toBe(text);
  });

  it("speaks English too", async () => {
    await loadLocale("en");
    const sla = { slaState: "breached", businessMinutesLeft: -60, respondedAt: at } as const;
    const en = (k: Parameters<typeof translate>[1], v?: Parameters<typeof translate>[2]) =>
      translate("en", k, v);
    expect(slaText(en, sla)).toBe("Answered 1 h business time late");
    expect(slaText(en, { ...sla, respondedAt: null })).toBe("Overdue by 1 h business time");
    expect(slaText(en, { slaState: "near", businessMinutesLeft: 1, respondedAt: null })).toBe(
      "1 min business time left",
    );
  });
});
