import { Button, Table, Textarea, TextInput } from "@mantine/core";
import type { Totals } from "../../../../src/domain/billing/money";
import { WideTable } from "../../components/WideTable";
import { type MessageKey, useT } from "../../i18n";
import { formatMoney } from "../../lib/format";
import { percentToInput } from "../../lib/percent";
import {
  type CheckedRow,
  type LineField,
  type LineProblem,
  type LineRow,
  MAX_DESCRIPTION,
  MIN_LINES,
} from "./draftLines";

const NOWRAP = { whiteSpace: "nowrap" } as const;

interface RowProps {
  row: LineRow;
  n: number;
  checked: CheckedRow | undefined;
  /** Field errors are shown once the leader tried to save, then live. */
  showErrors: boolean;
  canRemove: boolean;
  onChange: (next: LineRow) => void;
  onRemove: () => void;
}

function LineInputs({ row, n, checked, showErrors, canRemove, onChange, onRemove }: RowProps) {
  const t = useT();
  const problem = (field: LineField) => {
    const p: LineProblem | undefined = showErrors ? checked?.errors[field] : undefined;
    return p ? t(`billing.draft.err.${p}` as MessageKey, { max: MAX_DESCRIPTION }) : undefined;
  };
  const input = (field: LineField, label: MessageKey) => ({
    "aria-label": `${t(label)} · ${t("billing.draft.line", { n })}`,
    value: row[field],
    error: problem(field),
    onChange: (e: { currentTarget: { value: string } }) =>
      onChange({ ...row, [field]: e.currentTarget.value }),
  });
  return (
    <Table.Tr data-testid="draft-line">
      <Table.Td>
        {/* A line's description is read whole («Servicio OS-2026-000028: …»), not cut by the field. */}
        <Textarea {...input("description", "billing.draft.description")} autosize minRows={1} maxRows={4} />
      </Table.Td>
      <Table.Td w={110}>
        <TextInput {...input("quantity", "billing.draft.quantity")} inputMode="decimal" />
      </Table.Td>
      <Table.Td w={150}>
        <TextInput {...input("price", "billing.draft.price")} leftSection="$" inputMode="decimal" />
      </Table.Td>
      <Table.Td w={170} ta="right" style={NOWRAP} data-testid="draft-line-amount">
        {checked?.amountCents == null ? "—" : formatMoney(checked.amountCents)}
      </Table.Td>
      <Table.Td w={90}>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          disabled={!canRemove}
          onClick={onRemove}
          aria-label={t("billing.draft.removeLine", { n })}
        >
          {t("common.remove")}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function TotalRows({ totals, taxBasisPoints }: { totals: Totals; taxBasisPoints: number }) {
  const t = useT();
  const rows = [
    ["subtotal", t("billing.subtotal"), totals.subtotalCents],
    ["tax", t("billing.draft.taxAt", { rate: percentToInput(taxBasisPoints) }), totals.taxCents],
    ["total", t("billing.total"), totals.totalCents],
  ] as const;
  return rows.map(([id, label, cents]) => (
    <Table.Tr key={id}>
      <Table.Td colSpan={3} ta="right" fw={600}>
        {label}
      </Table.Td>
      <Table.Td ta="right" fw={600} style={NOWRAP} data-testid={`draft-${id}`}>
        {formatMoney(cents)}
      </Table.Td>
      <Table.Td />
    </Table.Tr>
  ));
}

interface TableProps {
  rows: LineRow[];
  checked: CheckedRow[];
  totals: Totals;
  taxBasisPoints: number;
  showErrors: boolean;
  onRows: (rows: LineRow[]) => void;
}

/** The draft's lines as inputs, each with its amount, and the totals below, all computed as typed. */
export function DraftLinesTable({ rows, checked, totals, taxBasisPoints, showErrors, onRows }: TableProps) {
  const t = useT();
  const heads = ["billing.draft.description", "billing.draft.quantity", "billing.draft.price"] as const;
  return (
    <WideTable minWidth={720}>
      <Table verticalSpacing={4} data-testid="draft-lines">
        <Table.Thead>
          <Table.Tr>
            {heads.map((k) => (
              <Table.Th key={k}>{t(k)}</Table.Th>
            ))}
            <Table.Th ta="right">{t("billing.draft.amount")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, i) => (
            <LineInputs
              key={row.key}
              row={row}
              n={i + 1}
              checked={checked[i]}
              showErrors={showErrors}
              canRemove={rows.length > MIN_LINES}
              onChange={(next) => onRows(rows.map((r) => (r.key === row.key ? next : r)))}
              onRemove={() => onRows(rows.filter((r) => r.key !== row.key))}
            />
          ))}
          <TotalRows totals={totals} taxBasisPoints={taxBasisPoints} />
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
