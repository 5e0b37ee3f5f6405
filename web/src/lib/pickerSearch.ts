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

/**
 * The option a text left typed in a picker stands for (what its Enter would have picked): the one
 * named or coded so (accents and case aside), else the only one whose name holds it; none when the
 * text matches no option or several.
 */
export function typedOption(options: readonly ComboboxItem[], text: string): string | null {
  const wanted = foldForSearch(text);
  if (!wanted) return null;
  const exact = options.find((o) => foldForSearch(o.label) === wanted || foldForSearch(o.value) === wanted);
  if (exact) return exact.value;
  const holding = options.filter((o) => foldForSearch(o.label).includes(wanted));
  return holding.length === 1 && holding[0] ? holding[0].value : null;
}
