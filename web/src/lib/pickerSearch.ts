import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from "@mantine/core";
import { foldForSearch } from "../../../src/domain/text";
import type { MessageKey } from "../i18n";

/**
 * Mantine's option filter with both sides folded as search text is (src/domain/text.ts): «clinica» finds
 * «Clínica Dental», «JOSE» finds «José» (Mantine's own filter only lowers the case).
 */
export const foldedFilter: OptionsFilter = ({ options, search, limit }) => {
  const wanted = foldForSearch(search);
  const matches = (item: ComboboxItem) => foldForSearch(item.label).includes(wanted);
  const result: ComboboxParsedItem[] = [];
  for (const item of options) {
    if (result.length >= limit) break;
    if ("group" in item)
      result.push({ group: item.group, items: item.items.filter(matches).slice(0, limit - result.length) });
    else if (matches(item)) result.push(item);
  }
  return result;
};

/**
 * What a searchable picker of clients, contacts or staff needs: accent- and case-insensitive matching
 * and «Sin resultados» when nothing matches (Mantine shows an empty dropdown otherwise).
 */
export const pickerSearch = (t: (key: MessageKey) => string) => ({
  searchable: true,
  filter: foldedFilter,
  nothingFoundMessage: t("common.noResults"),
});
