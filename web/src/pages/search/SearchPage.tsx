// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/Card.layer.css";
import "@mantine/core/styles/Combobox.layer.css";
import "@mantine/core/styles/SimpleGrid.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { Select, SimpleGrid, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { useTicketList } from "../../api/tickets";
import { ClientPicker } from "../../components/ClientPicker";
import { PageHeader } from "../../components/PageHeader";
import { TicketList } from "../../components/TicketTable";
import { useT } from "../../i18n";
import { useAssigneeOptions } from "../../lib/assigneeOptions";
import { pickerSearch } from "../../lib/pickerSearch";
import { MAX_SEARCH_CHARS, searchLimit } from "../../lib/searchLimit";

/**
 * Ticket search with the API's accent-insensitive `q` (folio, title, client, contact…), narrowed to
 * one client or one technician if chosen; all three live in the URL (?q=&client=&tech=).
 */
export default function SearchPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get("q") ?? "");
  const [q] = useDebouncedValue(text.trim(), 250);
  // A search the API would refuse (too many words, too long) is said under the box and not sent.
  const limit = searchLimit(text.trim());
  const sendable = !limit && !searchLimit(q);
  const clientId = params.get("client");
  const assigneeId = params.get("tech");
  const technicians = useAssigneeOptions();
  const query = useTicketList(
    {
      q: q || undefined,
      clientId: clientId ?? undefined,
      assigneeId: assigneeId ?? undefined,
    },
    { enabled: sendable },
  );
  const fromUrl = params.get("q") ?? "";
  // The header's search box navigates here with ?q=; follow it when it changes.
  useEffect(() => {
    setText((current) => (current.trim() === fromUrl ? current : fromUrl));
  }, [fromUrl]);
  const setParam = (name: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const change = (value: string) => {
    setText(value);
    setParam("q", value.trim() || null);
  };
  return (
    <>
      <PageHeader title={t("search.title")} />
      <TextInput
        mb="sm"
        size="md"
        autoFocus
        aria-label={t("search.label")}
        placeholder={t("search.placeholder")}
        value={text}
        maxLength={MAX_SEARCH_CHARS}
        error={limit && t(limit.key, { max: limit.max })}
        onChange={(e) => change(e.currentTarget.value)}
        data-testid="search-input"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} mb="md" data-testid="search-filters">
        <ClientPicker
          label={t("ticket.client")}
          placeholder={t("queue.anyClient")}
          value={clientId}
          onChange={(v) => setParam("client", v)}
          clearable
        />
        <Select
          label={t("ticket.assignee")}
          placeholder={t("queue.anyAssignee")}
          data={technicians}
          value={assigneeId}
          onChange={(v) => setParam("tech", v)}
          {...pickerSearch(t)}
          clearable
        />
      </SimpleGrid>
      {sendable && <TicketList query={query} empty={t("search.empty")} />}
    </>
  );
}
