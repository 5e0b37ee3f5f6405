import { Select } from "@mantine/core";
import { useContacts } from "../../api/clients";
import { useT } from "../../i18n";
import { foldedFilter } from "../../lib/pickerSearch";

/**
 * Who receives the issued invoices by e-mail: one of the client's contacts with an e-mail (the server
 * refuses any other). None: the client's own e-mail, else its first contact with one.
 */
export function BillingContactSelect({
  clientId,
  value,
  error,
  onChange,
}: {
  clientId: string;
  value: string | null;
  error?: string | undefined;
  onChange: (id: string | null) => void;
}) {
  const t = useT();
  const contacts = useContacts(clientId);
  const withEmail = (contacts.data?.items ?? []).filter((c) => c.email || c.id === value);
  return (
    <Select
      label={t("client.billingContact")}
      description={t("client.billingContactHint")}
      placeholder={t("client.billingContactNone")}
      // Typed words that match no one, or no contact to choose at all.
      nothingFoundMessage={withEmail.length ? t("common.noResults") : t("client.billingContactNoEmail")}
      filter={foldedFilter}
      data={withEmail.map((c) => ({ value: c.id, label: c.email ? `${c.name} <${c.email}>` : c.name }))}
      value={value}
      onChange={onChange}
      error={error}
      searchable
      clearable
      data-testid="billing-contact"
    />
  );
}
