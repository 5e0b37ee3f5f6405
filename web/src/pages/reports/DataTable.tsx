import { Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { WideTable } from "../../components/WideTable";
import { useT } from "../../i18n";

export interface Column<T> {
  label: string;
  value: (row: T) => ReactNode;
  numeric?: boolean;
}

/** A plain report table; scrolls sideways on a phone; says so when the period has nothing. */
export function DataTable<T>({
  rows,
  columns,
  testId,
}: {
  rows: T[];
  columns: Column<T>[];
  testId?: string;
}) {
  const t = useT();
  return (
    <WideTable minWidth={560} mb="lg">
      <Table striped data-testid={testId ?? "report-table"}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c, ci) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per report; labels may repeat
              <Table.Th key={ci} ta={c.numeric ? "right" : undefined}>
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>
                <Text c="dimmed" size="sm">
                  {t("rep.noRows")}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((row, i) => (
            // Report rows have no identity of their own; their order is the report's.
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are replaced whole when the filters change
            <Table.Tr key={i}>
              {columns.map((c, ci) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per report
                <Table.Td key={ci} ta={c.numeric ? "right" : undefined}>
                  {c.value(row) ?? "—"}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
