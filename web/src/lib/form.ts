import { useCallback, useRef, useState } from "react";
import type { z } from "zod";
import { ApiError } from "../api/client";
import { hasKey, type Translate } from "../i18n";

export type FieldErrors = Record<string, string>;

interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

/** `["admin","email"]` → `admin.email`; a leading `body` segment from the server is dropped. */
function pathKey(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  if (parts[0] === "body") parts.shift();
  return parts.join(".") || "_form";
}

export function renameKeys(errors: FieldErrors, mapKey?: (key: string) => string): FieldErrors {
  if (!mapKey) return errors;
  return Object.fromEntries(Object.entries(errors).map(([key, message]) => [mapKey(key), message]));
}

export function issuesToErrors(issues: readonly IssueLike[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = pathKey(issue.path);
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** A readable message for any error: the catalogue's text for known codes, else the server's message. */
export function errorMessage(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `errcode.${error.code}`;
    if (hasKey(key)) return t(key);
    if (error.message) return error.message;
    return t("error.unknown");
  }
  return error instanceof Error && error.message ? error.message : t("error.unknown");
}

export interface FormState<T> {
  values: T;
  errors: FieldErrors;
  formError: string | null;
  set: <K extends keyof T>(key: K, value: T[K]) => void;
  setValues: (values: T) => void;
  validate: <S extends z.ZodType>(schema: S, input: unknown) => z.output<S> | null;
  showError: (error: unknown, mapKey?: (key: string) => string) => void;
  setErrors: (errors: FieldErrors) => void;
  reset: () => void;
}

/** Small form state: values, field errors (client zod or server issues) and a general error. */
export function useForm<T extends object>(initial: T, t: Translate): FormState<T> {
  const initialRef = useRef(initial);
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      if (!(String(key) in e)) return e;
      const { [String(key)]: _removed, ...rest } = e;
      return rest;
    });
  }, []);

  const validate = useCallback(<S extends z.ZodType>(schema: S, input: unknown): z.output<S> | null => {
    const result = schema.safeParse(input);
    setFormError(null);
    if (result.success) {
      setErrors({});
      return result.data;
    }
    setErrors(issuesToErrors(result.error.issues));
    return null;
  }, []);

  const showError = useCallback(
    (error: unknown, mapKey?: (key: string) => string) => {
      const issues = error instanceof ApiError ? error.issues : [];
      setErrors(renameKeys(issuesToErrors(issues), mapKey));
      setFormError(errorMessage(t, error));
    },
    [t],
  );

  const reset = useCallback(() => {
    setValues(initialRef.current);
    setErrors({});
    setFormError(null);
  }, []);

  return { values, errors, formError, set, setValues, validate, showError, setErrors, reset };
}

/** Empty text → undefined, for optional body fields. */
export function blankToUndefined(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === "" ? undefined : trimmed;
}
