import { Button, Checkbox, Group, MultiSelect, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useSaveContractTypeCoverage } from "../../api/admin";
import { type ContractType, useCategories } from "../../api/clients";
import { ConflictDialog } from "../../components/ConflictDialog";
import { useT } from "../../i18n";
import { useEditConflict } from "../../lib/conflict";
import { errorMessage } from "../../lib/form";

type Coverage = ContractType["coverage"];

/**
 * Which categories a contract type covers: «Todas las categorías» or those chosen. A request of another
 * category is filed per event even when the client has this póliza. Saved with the version it was read
 * at: when someone else saved it in between, the comparison shows theirs beside this one, to re-apply
 * this one on top of theirs or keep theirs.
 */
export function ContractTypeCoverage({ type }: { type: ContractType }) {
  const t = useT();
  const categories = useCategories();
  const save = useSaveContractTypeCoverage();
  const edit = useEditConflict<ContractType>();
  const [base, setBase] = useState(type);
  const [all, setAll] = useState(type.coverage === "all");
  const [chosen, setChosen] = useState<string[]>(type.coverage === "all" ? [] : type.coverage);
  const options = (categories.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }));
  const nameOf = (code: string) => options.find((o) => o.value === code)?.label ?? code;
  const fill = (coverage: Coverage) => {
    setAll(coverage === "all");
    setChosen(coverage === "all" ? [] : [...coverage]);
  };
  const send = (coverage: Coverage, from: ContractType) =>
    save.mutate(
      { code: type.code, coverage, version: from.version },
      {
        onSuccess: (saved) => {
          edit.close();
          setBase(saved);
        },
        onError: (error) => edit.caught(error, from, { coverage }),
      },
    );
  const keepTheirs = () => {
    if (edit.conflict) {
      setBase(edit.conflict.current);
      fill(edit.conflict.current.coverage);
    }
    edit.close();
    save.reset();
  };
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
        <Button
          size="xs"
          variant="light"
          onClick={() => send(all ? "all" : chosen, base)}
          loading={save.isPending}
        >
          {t("contractType.saveCoverage")}
        </Button>
        {save.isError && !edit.conflict && (
          <Text size="sm" c="red">
            {errorMessage(t, save.error)}
          </Text>
        )}
      </Group>
      <ConflictDialog
        conflict={edit.conflict}
        fields={["coverage"]}
        labels={{ coverage: "contractType.coverage" }}
        format={(_, value) =>
          value === "all"
            ? t("contractType.allCategories")
            : Array.isArray(value)
              ? value.map(nameOf).join(", ")
              : null
        }
        busy={save.isPending}
        onReapply={() =>
          edit.conflict && send(edit.conflict.mine.coverage as Coverage, edit.conflict.current)
        }
        onDiscard={keepTheirs}
      />
    </Stack>
  );
}
