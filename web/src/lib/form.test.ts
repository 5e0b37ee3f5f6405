import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { MessageBody, SetupBody } from "../contract";
import { loadLocale, type Translate, translate } from "../i18n";
import { issuesToErrors, localIssues, serverFieldErrors } from "./form";

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

  it("words the contract's codes in the user's language, with the rule's own bound", async () => {
    await loadLocale("en");
    const typo = {
      companyName: "x".repeat(201),
      supportEmail: "soporte@",
      admin: { name: "Ana", email: "ana@x.mx", password: "corta" },
    };
    const issues = SetupBody.safeParse(typo).error?.issues ?? [];
    expect(issues.map((i) => i.message)).toEqual(["input.max_chars", "input.email", "input.min_chars"]);
    expect(issuesToErrors(localIssues(speaking("es-MX"), issues, typo))).toEqual({
      companyName: "Máximo 200 caracteres",
      supportEmail: "Correo electrónico inválido",
      "admin.password": "Mínimo 10 caracteres",
    });
    expect(issuesToErrors(localIssues(speaking("en"), issues, typo))).toEqual({
      companyName: "At most 200 characters",
      supportEmail: "Invalid e-mail address",
      "admin.password": "At least 10 characters",
    });
  });
});

describe("a field named «body» (a message's text)", () => {
  const tooLong = { kind: "note", body: "x".repeat(20_001) };

  it("keeps its own errors from the form's check: empty and too long", () => {
    const t = speaking("es-MX");
    const empty = { kind: "message", body: "" };
    expect(issuesToErrors(localIssues(t, MessageBody.safeParse(empty).error?.issues ?? [], empty))).toEqual({
      body: "Requerido",
    });
    expect(
      issuesToErrors(localIssues(t, MessageBody.safeParse(tooLong).error?.issues ?? [], tooLong)),
    ).toEqual({ body: "Máximo 20,000 caracteres" });
  });

  it("keeps the server's, whose path starts with the request body", () => {
    const refusal = new ApiError(
      400,
      "validation_failed",
      "Datos inválidos",
      [
        {
          path: ["body", "body"],
          message: "Máximo 20,000 caracteres",
          code: "input.max_chars",
          params: { max: 20000 },
        },
      ],
      "es-MX",
    );
    expect(serverFieldErrors(speaking("es-MX"), refusal)).toEqual({ body: "Máximo 20,000 caracteres" });
  });
});

describe("a server refusal's field errors", () => {
  const refusal = (language: string) =>
    new ApiError(
      400,
      "validation_failed",
      "Datos inválidos (body.password: Mínimo 10 caracteres).",
      [
        {
          path: ["body", "password"],
          message: "Mínimo 10 caracteres",
          code: "input.min_chars",
          params: { min: 10 },
        },
        { path: ["body", "roles"], message: "Too small: expected array to have >=1 items" },
      ],
      language,
    );

  it("are worded from each issue's code in the user's language", async () => {
    await loadLocale("en");
    expect(serverFieldErrors(speaking("en"), refusal("es-MX"))).toEqual({
      password: "At least 10 characters",
      roles: translate("en", "errcode.field_invalid"),
    });
    expect(serverFieldErrors(speaking("es-MX"), refusal("es-MX"))).toEqual({
      password: "Mínimo 10 caracteres",
      roles: "Too small: expected array to have >=1 items",
    });
  });
});
