// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/Image.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import "@mantine/core/styles/SimpleGrid.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import type { z } from "zod";
import { useMe } from "../../api/auth";
import { useCompany, useSaveCompany } from "../../api/company";
import { ConflictDialog } from "../../components/ConflictDialog";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { type CompanySettings, CompanySettingsBody } from "../../contract";
import { useT } from "../../i18n";
import { changedFields, useEditConflict } from "../../lib/conflict";
import { useForm } from "../../lib/form";
import { hasRole } from "../../lib/roles";
import { CompanyLogo } from "./CompanyLogo";

const FIELDS = ["name", "rfc", "supportEmail", "supportPhone"] as const;
type Values = Record<(typeof FIELDS)[number] | "address" | "openingHoursText", string>;

const toValues = (c: CompanySettings): Values => ({
  name: c.name,
  rfc: c.rfc ?? "",
  supportEmail: c.supportEmail ?? "",
  supportPhone: c.supportPhone ?? "",
  address: c.address ?? "",
  openingHoursText: c.openingHoursText ?? "",
});
const orNull = (s: string) => (s.trim() ? s.trim() : null);
const CONFLICT_FIELDS = ["name", "rfc", "supportEmail", "supportPhone", "address", "openingHoursText"];
type Body = z.input<typeof CompanySettingsBody>;
const toBody = (v: Values): Body => ({
  name: v.name,
  rfc: orNull(v.rfc),
  supportEmail: orNull(v.supportEmail),
  supportPhone: orNull(v.supportPhone),
  address: orNull(v.address),
  openingHoursText: orNull(v.openingHoursText),
});

function CompanyForm({ company, editable }: { company: CompanySettings; editable: boolean }) {
  const t = useT();
  const form = useForm<Values>(toValues(company), t);
  const save = useSaveCompany();
  const edit = useEditConflict<CompanySettings>();
  // The copy the form was read from: only the fields changed from it are sent, over its version.
  const [base, setBase] = useState(company);
  const [saved, setSaved] = useState(false);
  const { values, errors } = form;
  const send = (mine: Body, from: CompanySettings) =>
    save.mutate(
      { ...mine, version: from.version },
      {
        onSuccess: (next) => {
          edit.close();
          setBase(next);
          form.setValues(toValues(next));
          setSaved(true);
        },
        onError: (e) => edit.caught(e, from, mine) || form.showError(e),
      },
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = form.validate(CompanySettingsBody, toBody(values));
    if (body) send(changedFields(toBody(toValues(base)), body as Body), base);
  };
  const reapply = () => {
    if (edit.conflict) send(edit.conflict.mine as Body, edit.conflict.current);
  };
  const discard = () => {
    const current = edit.conflict?.current;
    if (current) {
      const next = { ...base, ...current };
      setBase(next);
      form.setValues(toValues(next));
    }
    edit.close();
  };
  const labels = {
    name: "company.name",
    rfc: "company.rfc",
    supportEmail: "company.supportEmail",
    supportPhone: "company.supportPhone",
  } as const;
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate data-testid="company-form">
        <fieldset disabled={!editable} className="mesa-fieldset">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {FIELDS.map((f) => (
                <TextInput
                  key={f}
                  label={t(labels[f])}
                  value={values[f]}
                  onChange={(e) => form.set(f, e.currentTarget.value)}
                  error={errors[f]}
                />
              ))}
            </SimpleGrid>
            <Textarea
              label={t("company.address")}
              autosize
              minRows={2}
              value={values.address}
              onChange={(e) => form.set("address", e.currentTarget.value)}
              error={errors.address}
            />
            <TextInput
              label={t("company.hours")}
              placeholder={t("company.hoursPlaceholder")}
              value={values.openingHoursText}
              onChange={(e) => form.set("openingHoursText", e.currentTarget.value)}
              error={errors.openingHoursText}
            />
            {form.formError && <Alert color="red">{form.formError}</Alert>}
            {saved && <Alert color="teal">{t("company.saved")}</Alert>}
            {editable && (
              <Group justify="flex-end">
                <Button type="submit" loading={save.isPending} data-testid="company-save">
                  {t("company.save")}
                </Button>
              </Group>
            )}
          </Stack>
        </fieldset>
      </form>
      <ConflictDialog
        conflict={edit.conflict}
        fields={CONFLICT_FIELDS}
        busy={save.isPending}
        error={form.formError}
        onReapply={reapply}
        onDiscard={discard}
      />
    </Paper>
  );
}

/** The firm's own data (admin edits; the rest of the staff reads). */
export default function CompanyPage() {
  const t = useT();
  const company = useCompany();
  const editable = hasRole(useMe().data?.roles, "admin");
  return (
    <Stack>
      <PageHeader title={t("company.title")} subtitle={t("company.subtitle")} />
      {!editable && <Alert color="gray">{t("company.readOnly")}</Alert>}
      <QueryState query={company}>
        {company.data && (
          <>
            <CompanyForm company={company.data} editable={editable} />
            <CompanyLogo company={company.data} editable={editable} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}
