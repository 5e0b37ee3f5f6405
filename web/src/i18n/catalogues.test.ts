import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { HistoryAction } from "../contract";
import { en } from "./en";
import { esMX } from "./es-MX";
import { loadLocale, translate } from "./index";

describe("web catalogues are valid ICU in both languages", () => {
  it.each([
    ["es-MX", esMX],
    ["en", en],
  ] as const)("every %s message compiles", (locale, catalogue) => {
    const broken = Object.entries(catalogue).filter(([, text]) => {
      try {
        new IntlMessageFormat(text, locale, undefined, { ignoreTag: true });
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toEqual([]);
  });

  it("English has every Spanish key", () => {
    expect(Object.keys(esMX).filter((k) => !(k in en))).toEqual([]);
  });
});

describe("translate()", () => {
  it.each([
    { locale: "es-MX", n: 1, text: "Cliente no localizable: sin respuesta tras 1 intento." },
    { locale: "es-MX", n: 3, text: "Cliente no localizable: sin respuesta tras 3 intentos." },
    { locale: "en", n: 1, text: "Client unreachable: no answer after 1 attempt." },
    { locale: "en", n: 3, text: "Client unreachable: no answer after 3 attempts." },
  ] as const)("plural in $locale for $n", async ({ locale, n, text }) => {
    await loadLocale(locale);
    expect(translate(locale, "survey.unreachableResult", { n })).toBe(text);
  });

  it("keeps `{name}` placeholders and a missing variable does not blank the text", async () => {
    expect(translate("es-MX", "ticket.notAssigned.holder", { name: "Teresa" })).toBe(
      "Ahora lo tiene Teresa. Si necesitas algo de él, pídeselo.",
    );
    expect(translate("es-MX", "ticket.notAssigned.holder")).toContain("{name}");
  });
});

describe("every coded value a person reads has words in both languages", () => {
  it.each([
    ["es-MX", esMX],
    ["en", en],
  ] as const)(
    "%s names every history action (no generic «Movimiento» for a logged call)",
    (_l, catalogue) => {
      const missing = HistoryAction.options.filter((a) => !(`history.${a}` in catalogue));
      expect(missing).toEqual([]);
    },
  );
});
