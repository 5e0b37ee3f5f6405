import { type ComboboxItem, type OptionsFilter, Select, type SelectProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useClient, useClientSearch } from "../api/clients";
import { useT } from "../i18n";
import { foldedFilter } from "../lib/pickerSearch";

type Props = Omit<
  SelectProps,
  | "data"
  | "value"
  | "onChange"
  | "searchable"
  | "searchValue"
  | "onSearchChange"
  | "filter"
  | "nothingFoundMessage"
  | "loading"
> & {
  value: string | null;
  onChange: (clientId: string | null) => void;
};

/** The chosen client as an option: as it was picked, or read by its id (a value from the URL, a record). */
function useChosen(value: string | null) {
  const [picked, setPicked] = useState<ComboboxItem | null>(null);
  const known = value !== null && picked?.value === value ? picked : null;
  const read = useClient(value, value !== null && known === null);
  const chosen = known ?? (value !== null && read.data ? { value, label: read.data.name } : null);
  return { chosen, setPicked };
}

/**
 * A client picker that searches the server as you type (every client, not a first page of them; accents
 * and case aside, as GET /api/clients?q= does), 250 ms after the last key. It asks nothing until first
 * opened, keeps the chosen client's name shown whether or not it is among the matches, says «Cargando…»
 * while it asks and «Sin resultados» when nothing matches.
 */
export function ClientPicker({ value, onChange, onDropdownOpen, ...select }: Props) {
  const t = useT();
  const [search, setSearch] = useState("");
  const [asked, setAsked] = useState(false);
  const { chosen, setPicked } = useChosen(value);
  // The chosen client's name in the box is no search: every client (the first ones) is offered.
  const typed = search === (chosen?.label ?? "") ? "" : search.trim();
  const [q] = useDebouncedValue(typed, 250);
  const found = useClientSearch(q, asked);
  const matches = (found.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  const data = chosen && !matches.some((o) => o.value === chosen.value) ? [chosen, ...matches] : matches;
  const settled = q === typed && found.data !== undefined && !found.isPlaceholderData;
  const loading = asked && (q !== typed || found.isFetching);
  return (
    <Select
      {...select}
      data={data}
      value={value}
      onChange={(id, option) => {
        setPicked(id === null ? null : option);
        onChange(id);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server's answer for what is typed is the list; until it comes, the last one matched here.
      filter={settled ? onlyMatches(matches, typed === "" ? chosen : null) : foldedFilter}
      // Clicking the chosen client again keeps it (the ✕ clears): a filter set by a slip is surprising.
      allowDeselect={false}
      nothingFoundMessage={loading ? t("common.loading") : t("common.noResults")}
      loading={loading}
      onDropdownOpen={() => {
        setAsked(true);
        onDropdownOpen?.();
      }}
    />
  );
}

/**
 * The options the server found, in its order; the chosen client first when nothing is typed (the
 * list opened on a choice shows it), otherwise only if it is one of them.
 */
const onlyMatches =
  (matches: ComboboxItem[], chosen: ComboboxItem | null): OptionsFilter =>
  ({ options }) => {
    const ids = new Set(matches.map((o) => o.value));
    if (chosen) ids.add(chosen.value);
    return options.filter((o) => "value" in o && ids.has(o.value));
  };
