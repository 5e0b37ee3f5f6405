import { beforeAll, describe, expect, it } from "vitest";
import { loadLocale, type Translate, translate } from "../../i18n";
import { checkCreditRequest } from "./creditRequest";

const speaking = (locale: "es-MX" | "en"): Translate =>
  Object.assign(
    (key: Parameters<typeof translate>[1], vars?: Parameters<typeof translate>[2]) =>
      translate(locale, key, vars),
    { locale },
  );

const CLIENT = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

describe("a credit request's check: every wrong field at once", () => {
  beforeAll(() => loadLocale("en"));

  it("marks days, limit and reason together on one submit", () => {
    const checked = checkCreditRequest(speaking("es-MX"), CLIENT, {
      days: 1.5,
      limit: "cincuenta mil",
      reason: " ",
    });
    expect(checked.body).toBeNull();
    expect(checked.errors).toEqual({
      creditDays: "Días enteros",
      creditLimitCents: "Importe inválido: usa números, p. ej. 50000.00",
      reason: "Requerido",
    });
  });

  it("says a blank field is missing, in English too", () => {
    const checked = checkCreditRequest(speaking("en"), CLIENT, { days: "", limit: "", reason: "" });
    expect(checked.errors).toEqual({
      creditDays: "Required",
      creditLimitCents: "Required",
      reason: "Required",
    });
  });

  it("gives the body when all is well", () => {
    const checked = checkCreditRequest(speaking("es-MX"), CLIENT, {
      days: 45,
      limit: "$50,000.50",
      reason: " Cliente desde 2019 ",
    });
    expect(checked).toEqual({
      body: { clientId: CLIENT, creditDays: 45, creditLimitCents: 5_000_050, reason: "Cliente desde 2019" },
      errors: null,
    });
  });
});
