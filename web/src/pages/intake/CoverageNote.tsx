import { Alert } from "@mantine/core";
import { coveringContract } from "../../../../src/domain/contract-coverage";
import { type CallerMatch, type Category, useContractTypes } from "../../api/clients";
import { useT } from "../../i18n";

/**
 * Said before filing: the caller has pólizas, but none of their types covers the chosen category, so the
 * request will be filed per event («La póliza SH no cubre Impresoras»), as the server decides
 * (src/domain/contract-coverage.ts). Nothing while no category is chosen: any póliza applies then.
 */
export function CoverageNote({ caller, category }: { caller: CallerMatch; category: Category | undefined }) {
  const t = useT();
  const types = useContractTypes();
  const held = caller.activeContractTypes;
  if (!category || held.length === 0 || !types.data) return null;
  const contracts = held.map((code) => ({
    code,
    coverage: types.data.items.find((x) => x.code === code)?.coverage ?? "all",
  }));
  if (coveringContract(contracts, category.code)) return null;
  return (
    <Alert color="yellow" title={t("intake.byEvent")} data-testid="coverage-note">
      {t("intake.notCovered", { count: held.length, types: held.join(", "), category: category.name })}
    </Alert>
  );
}
