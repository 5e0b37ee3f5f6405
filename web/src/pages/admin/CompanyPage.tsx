import { Alert, Button, Group, Paper, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useMe } from "../../api/auth";
import { useCompany, useSaveCompany } from "../../api/company";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { type CompanySettings, CompanySettingsBody } from "../../contract";
import { useT } from "../../i18n";
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

function CompanyForm({ company, editable }: { company: CompanySettings; editable: boolean }) {
  const t = useT();
  const form = useForm<Values>(toValues(company), t);
  const save = useSaveCompany();
  const [saved, setSaved] = useState(false);
  const { values, errors } = form;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = form.validate(CompanySettingsBody, {
      name: values.name,
      rfc: orNull(values.rfc),
      supportEmail: orNull(values.supportEmail),
      supportPhone: orNull(values.supportPhone),
      address: orNull(values.address),
      openingHoursText: orNull(values.openingHoursText),
    });
    if (body) save.mutate(body, { onSuccess: () => setSaved(true), onError: (e) => form.showError(e) });
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
