// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/Card.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { useTicketList } from "../../api/tickets";
import { PageHeader } from "../../components/PageHeader";
import { TicketList } from "../../components/TicketTable";
import { useT } from "../../i18n";

/** Ticket search with the API's accent-insensitive `q` (folio, title, client, contact…). */
export default function SearchPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get("q") ?? "");
  const [q] = useDebouncedValue(text.trim(), 250);
  const query = useTicketList({ q: q || undefined });
  const fromUrl = params.get("q") ?? "";
  // The header's search box navigates here with ?q=; follow it when it changes.
  useEffect(() => {
    setText((current) => (current.trim() === fromUrl ? current : fromUrl));
  }, [fromUrl]);
  const change = (value: string) => {
    setText(value);
    setParams(value.trim() ? { q: value.trim() } : {}, { replace: true });
  };
  return (
    <>
      <PageHeader title={t("search.title")} />
      <TextInput
        mb="md"
        size="md"
        autoFocus
        aria-label={t("search.label")}
        placeholder={t("search.placeholder")}
        value={text}
        onChange={(e) => change(e.currentTarget.value)}
        data-testid="search-input"
      />
      <TicketList query={query} empty={t("search.empty")} />
    </>
  );
}
