import { notifications } from "@mantine/notifications";
import { type FormEvent, useEffect, useState } from "react";
import type { z } from "zod";
import { useSaveSettings } from "../../api/admin";
import { useT } from "../../i18n";
import { changedFields, sameValue, useEditConflict } from "../../lib/conflict";
import { useForm } from "../../lib/form";
import { useLeaveGuard } from "../../lib/leaveGuard";

const withoutVersion = <T extends { version: number }>({ version: _version, ...rest }: T) => rest;

/**
 * A NumberInput's value as the form holds it (kept as typed: a number, or "4." and "" while typing) as
 * the number it stands for; blank stays blank for «Requerido». Held as typed because a state that
 * turned "4." into 4 at once made the input drop the point as it was typed («4.5» read as 45).
 */
export const typedNumber = (v: number | string): number | string =>
  typeof v === "string" && v.trim() !== "" ? Number(v) : v;

interface EditorOptions<T> {
  /** Checks the schema cannot express, as field errors (the calendar's ranges: weekIssues). */
  extraChecks?: (values: T) => Record<string, string>;
  /** The document to check and send from the form's values (numbers held as typed: typedNumber). */
  toBody?: (values: T) => unknown;
}

/**
 * A settings document (calendar, SLA, backups) edited as a whole but saved over the version it was read at:
 * if another admin saved meanwhile, the compare dialog opens; re-applying puts the fields this user
 * changed on top of the current document. An untouched form follows the document as it refreshes.
 */
export function useSettingsEditor<T extends { version: number }>(
  name: "calendar" | "sla" | "backup",
  initial: T,
  schema: z.ZodType,
  { extraChecks = () => ({}), toBody = (values) => values }: EditorOptions<T> = {},
) {
  const t = useT();
  const [base, setBase] = useState(initial);
  const form = useForm<T>(initial, t);
  const save = useSaveSettings<T>(name);
  const edit = useEditConflict<T>();
  const rebase = (next: T) => {
    setBase(next);
    form.setValues(next);
  };
  const pristine = sameValue(form.values, base);
  // A closure added, hours changed…: leaving before «Guardar» asks first.
  useLeaveGuard(!pristine);
  useEffect(() => {
    if (pristine && initial.version !== base.version) {
      setBase(initial);
      form.setValues(initial);
    }
  }, [pristine, initial, base.version, form.setValues]);

  const send = (body: T, mine: Record<string, unknown>, from: T) =>
    save.mutate(
      { ...body, version: from.version },
      {
        onSuccess: (saved) => {
          edit.close();
          rebase(saved);
          notifications.show({ color: "teal", message: t("common.saved") });
        },
        onError: (e) => edit.caught(e, from, mine) || form.showError(e),
      },
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = form.validate(schema, toBody(form.values), extraChecks(form.values)) as T | null;
    if (body) send(body, changedFields(withoutVersion(base), withoutVersion(body)), base);
  };
  const reapply = () => {
    const c = edit.conflict;
    if (c) send({ ...c.current, ...c.mine }, c.mine, c.current);
  };
  const discard = () => {
    if (edit.conflict) rebase(edit.conflict.current);
    edit.close();
  };
  return { form, submit, busy: save.isPending, edit, reapply, discard };
}
