import { Button, Checkbox, Group, MultiSelect, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useSaveContractTypeCoverage } from "../../api/admin";
import { type ContractType, useCategories } from "../../api/clients";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/form";

/**
 * Which categories a contract type covers: «Todas las categorías» or those chosen. A request of another
 * category is filed per event even when the client has this póliza. Saved with the version it was read
 * at: someone else's change in between is refused (409) and the list is read again.
 */
export function ContractTypeCoverage({ type }: { type: ContractType }) {
  const t = useT();
  const categories = useCategories();
  const save = useSaveContractTypeCoverage();
  const queryClient = useQueryClient();
  const [all, setAll] = useState(type.coverage === "all");
  const [chosen, setChosen] = useState<string[]>(type.coverage === "all" ? [] : type.coverage);
  const options = (categories.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }));
  const submit = () =>
    save.mutate(
      { code: type.code, coverage: all ? "all" : chosen, version: type.version },
      { onError: () => queryClient.invalidateQueries({ queryKey: ["contract-types"] }) },
    );
  return (
    <Stack gap={4} data-testid={`coverage-${type.code}`}>
      <Checkbox
        label={t("contractType.allCategories")}
        checked={all}
        onChange={(e) => setAll(e.currentTarget.checked)}
      />
      {!all && (
        <MultiSelect
          aria-label={`${t("contractType.coverage")} ${type.code}`}
          placeholder={t("contractType.chooseCategories")}
          data={options}
          value={chosen}
          onChange={setChosen}
          searchable
        />
      )}
      <Group gap="xs">
        <Button size="xs" variant="light" onClick={submit} loading={save.isPending}>
          {t("contractType.saveCoverage")}
        </Button>
        {save.isError && (
          <Text size="sm" c="red">
            {errorMessage(t, save.error)}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
