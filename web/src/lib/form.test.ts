import { describe, expect, it } from "vitest";
import { SetupBody } from "../contract";
import { loadLocale, type Translate, translate } from "../i18n";
import { issuesToErrors, localIssues } from "./form";

const speaking = (locale: "es-MX" | "en"): Translate =>
  Object.assign(
    (key: Parameters<typeof translate>[1], vars?: Parameters<typeof translate>[2]) =>
      translate(locale, key, vars),
    { locale },
  );

const empty = { companyName: "", supportEmail: "", admin: { name: "", email: "", password: "" } };

describe("a form's errors, all at once and in words", () => {
  it("an empty e-mail is «Requerido», a wrong one «inválido» (setup page)", () => {
    const issues = SetupBody.safeParse(empty).error?.issues ?? [];
    const errors = issuesToErrors(localIssues(speaking("es-MX"), issues, empty));
    expect(errors).toMatchObject({
      companyName: "Requerido",
      supportEmail: "Requerido",
      "admin.name": "Requerido",
      "admin.email": "Requerido",
    });
    const typo = { ...empty, supportEmail: "soporte@", admin: { ...empty.admin, email: "ana" } };
    const wrong = issuesToErrors(
      localIssues(speaking("es-MX"), SetupBody.safeParse(typo).error?.issues ?? [], typo),
    );
    expect(wrong.supportEmail).toBe("Correo electrónico inválido");
    expect(wrong["admin.email"]).toBe("Correo electrónico inválido");
  });

  it("says the same in English", async () => {
    await loadLocale("en");
    const issues = SetupBody.safeParse(empty).error?.issues ?? [];
    const errors = issuesToErrors(localIssues(speaking("en"), issues, empty));
    expect(errors.supportEmail).toBe(translate("en", "errcode.field_required"));
  });
});
