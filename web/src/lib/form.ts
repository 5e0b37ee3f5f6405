import { useCallback, useRef, useState } from "react";
import type { z } from "zod";
import { issueParams } from "../../../src/contract/i18n/issue";
import { ApiError } from "../api/client";
import { hasKey, type MessageKey, type Translate } from "../i18n";
import { fieldLabel } from "./fields";

export type FieldErrors = Record<string, string>;

interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

/** A form's own check: `["admin","email"]` → `admin.email` (a field may be named `body`: a message's). */
function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join(".") || "_form";
}

/**
 * A server issue's path starts with the part of the request it is about (`["body","body"]` is the
 * message field of a message's body): the leading `body` is dropped, only that one.
 */
function serverPathKey(path: readonly PropertyKey[]): string {
  return pathKey(path[0] === "body" ? path.slice(1) : path);
}

export function renameKeys(errors: FieldErrors, mapKey?: (key: string) => string): FieldErrors {
  if (!mapKey) return errors;
  return Object.fromEntries(Object.entries(errors).map(([key, message]) => [mapKey(key), message]));
}

export function issuesToErrors(
  issues: readonly IssueLike[],
  keyOf: (path: readonly PropertyKey[]) => string = pathKey,
): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = keyOf(issue.path);
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** zod's own message (no code of ours) in English: what is wrong from the issue's kind. */
function builtInEnglish(t: Translate, issue: z.core.$ZodIssue, blank: boolean): string {
  const required =
    blank || (issue.code === "too_small" && issue.origin === "string" && Number(issue.minimum) <= 1);
  const key: MessageKey = required
    ? "errcode.field_required"
    : issue.code === "too_big"
      ? "errcode.field_too_long"
      : "errcode.field_invalid";
  return t(key);
}

/**
 * A client-side check in the user's language: the contract names message codes (`input.*`, worded
 * with the issue's bounds); zod's own messages follow the UI locale (contract.ts), or in English say
 * what is wrong from the issue's kind.
 */
export function localIssues(t: Translate, issues: readonly z.core.$ZodIssue[], input?: unknown): IssueLike[] {
  // An empty field is missing, whatever its format: "Requerido", not "Correo electrónico inválido".
  const blank = (issue: z.core.$ZodIssue) => {
    const value = issue.path.reduce<unknown>(
      (v, k) => (v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined),
      input,
    );
    return typeof value === "string" && value.trim() === "";
  };
  return issues.map((issue) => {
    if (blank(issue)) return { path: issue.path, message: t("errcode.field_required") };
    if (hasKey(issue.message)) return { path: issue.path, message: t(issue.message, issueParams(issue)) };
    return t.locale === "en" ? { path: issue.path, message: builtInEnglish(t, issue, false) } : issue;
  });
}

/** A client-side check's field errors in the user's language (the contract's codes worded). */
export const checkErrors = (
  t: Translate,
  issues: readonly z.core.$ZodIssue[],
  input?: unknown,
): FieldErrors => issuesToErrors(localIssues(t, issues, input));

/** Codes whose text always comes from the catalogue (the server's words add nothing for the user). */
const CATALOGUE_CODES = new Set([
  "network_error",
  "invalid_credentials",
  "unauthenticated",
  "session_expired",
  "csrf_token_invalid",
  "internal_error",
  "database_unavailable",
  "storage_unavailable",
  "payload_too_large",
  "unsupported_media_type",
  "invalid_json",
]);

/** Codes the server explains in Spanish; in English the text is derived from the code and field. */
const DERIVED_CODES = new Set([
  "validation_failed",
  "forbidden",
  "not_found",
  "conflict",
  "invalid_transition",
  "precondition_failed",
  "reason_required",
  // The server says how long to wait ("Intenta de nuevo en 2 minutos.").
  "rate_limited",
  "wrong_password",
]);

/** The field an error is about: `details.field`, or the first issue's path. */
function errorField(error: ApiError): string | null {
  const details = error.details as { field?: unknown } | null;
  if (details && typeof details === "object" && typeof details.field === "string") return details.field;
  const first = error.issues[0];
  return first ? (serverPathKey(first.path).split(".")[0] ?? null) : null;
}

/** English text for a Spanish server error, from its code (and the field it is about). */
function derivedMessage(t: Translate, error: ApiError): string {
  const field = errorField(error);
  const withField = `errcode.${error.code}.field`;
  if (field && field !== "_form" && hasKey(withField)) return t(withField, { field: fieldLabel(t, field) });
  return t(`errcode.${error.code}` as MessageKey);
}

/**
 * A readable message for any error: the catalogue's text for session and transport codes; the server's
 * own (Spanish) explanation otherwise, except in English, where it is derived from the code and field.
 */
export function errorMessage(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    if (CATALOGUE_CODES.has(error.code)) return t(`errcode.${error.code}` as MessageKey);
    // Rendered by the server in the user's language from a code: it says more than the code alone.
    if (error.messageLanguage === t.locale && error.message) return error.message;
    if (t.locale === "en" && DERIVED_CODES.has(error.code)) return derivedMessage(t, error);
    if (error.message) return error.message;
    const key = `errcode.${error.code}`;
    return hasKey(key) ? t(key) : t("error.unknown");
  }
  return error instanceof Error && error.message ? error.message : t("error.unknown");
}

/**
 * Field errors of a server refusal in the user's language: from each issue's message code when it has
 * one; else the server's words when it wrote them in this language; else (English) a generic text.
 */
export function serverFieldErrors(t: Translate, error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const sameLanguage = error.messageLanguage === t.locale;
  return issuesToErrors(
    error.issues.map((issue) => {
      if (issue.code && hasKey(issue.code)) return { path: issue.path, message: t(issue.code, issue.params) };
      if (sameLanguage || t.locale !== "en") return issue;
      return { path: issue.path, message: t("errcode.field_invalid") };
    }),
    serverPathKey,
  );
}

export interface FormState<T> {
  values: T;
  errors: FieldErrors;
  formError: string | null;
  set: <K extends keyof T>(key: K, value: T[K]) => void;
  setValues: (values: T) => void;
  /** All problems at once: the schema's issues plus `extra` checks the schema cannot express. */
  validate: <S extends z.ZodType>(schema: S, input: unknown, extra?: FieldErrors) => z.output<S> | null;
  showError: (error: unknown, mapKey?: (key: string) => string) => void;
  setErrors: (errors: FieldErrors) => void;
  /** The fields changed: their errors go, and the form's error when it was about one of them. */
  clearErrors: (fields: readonly string[]) => void;
  reset: () => void;
}

/** The fields a server refusal is about (`details.field`, its issues' fields), as the form names them. */
function refusedFields(error: unknown, mapKey: (key: string) => string): string[] {
  if (!(error instanceof ApiError)) return [];
  const named = errorField(error);
  const fields = error.issues.map((issue) => serverPathKey(issue.path).split(".")[0] ?? "");
  return [...(named ? [named] : []), ...fields].filter((f) => f && f !== "_form").map(mapKey);
}

/** A form's general error, with the fields it is about (changing one of them answers it). */
interface FormError {
  message: string;
  fields: readonly string[];
}

/** Field errors and the general error of a form, and how they go when what they are about changes. */
function useFormErrors(t: Translate) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<FormError | null>(null);
  const clearErrors = useCallback((fields: readonly string[]) => {
    // A field's errors go with those of its parts (`weeklyHours.1.0.end`).
    const stale = (k: string) => fields.some((name) => k === name || k.startsWith(`${name}.`));
    setErrors((e) =>
      Object.keys(e).some(stale) ? Object.fromEntries(Object.entries(e).filter(([k]) => !stale(k))) : e,
    );
    setFormError((f) => (f?.fields.some((name) => fields.includes(name)) ? null : f));
  }, []);
  const showError = useCallback(
    (error: unknown, mapKey: (key: string) => string = (key) => key) => {
      setErrors(renameKeys(serverFieldErrors(t, error), mapKey));
      setFormError({ message: errorMessage(t, error), fields: refusedFields(error, mapKey) });
    },
    [t],
  );
  const showFormError = useCallback(
    (message: string | null) => setFormError(message === null ? null : { message, fields: [] }),
    [],
  );
  return { errors, setErrors, formError: formError?.message ?? null, showFormError, clearErrors, showError };
}

/** Small form state: values, field errors (client zod or server issues) and a general error. */
export function useForm<T extends object>(initial: T, t: Translate): FormState<T> {
  const initialRef = useRef(initial);
  const [values, setValues] = useState<T>(initial);
  const { errors, setErrors, formError, showFormError, clearErrors, showError } = useFormErrors(t);

  const set = useCallback(
    <K extends keyof T>(key: K, value: T[K]) => {
      setValues((v) => ({ ...v, [key]: value }));
      // A new value answers the field's errors.
      clearErrors([String(key)]);
    },
    [clearErrors],
  );

  const validate = useCallback(
    <S extends z.ZodType>(schema: S, input: unknown, extra: FieldErrors = {}): z.output<S> | null => {
      const result = schema.safeParse(input);
      const hasExtra = Object.keys(extra).length > 0;
      const found = result.success ? {} : issuesToErrors(localIssues(t, result.error.issues, input));
      setErrors({ ...found, ...extra });
      // An issue about no field (the whole input) has no field to show it under: it is the form's.
      showFormError(found._form ?? null);
      return result.success && !hasExtra ? result.data : null;
    },
    [t, setErrors, showFormError],
  );

  const reset = useCallback(() => {
    setValues(initialRef.current);
    setErrors({});
    showFormError(null);
  }, [setErrors, showFormError]);

  return { values, errors, formError, set, setValues, validate, showError, setErrors, clearErrors, reset };
}

/**
 * The error of a list field (tags): its own, or the first of its entries' (`emails.0`), said under the
 * field rather than dropped; with `named`, with the entry it is about, since the field shows several.
 */
export function listError(
  errors: FieldErrors,
  key: string,
  named?: { items: readonly string[]; withItem: (value: string, message: string) => string },
): string | undefined {
  if (errors[key]) return errors[key];
  const prefix = `${key}.`;
  const found = Object.entries(errors).find(([k]) => k.startsWith(prefix));
  if (!found) return undefined;
  const value = named?.items[Number(found[0].slice(prefix.length).split(".")[0])];
  return value === undefined || !named ? found[1] : named.withItem(value, found[1]);
}

/** Empty text → undefined, for optional body fields. */
export function blankToUndefined(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === "" ? undefined : trimmed;
}
