import { Group, Modal, Paper, SimpleGrid, Table, Text } from "@mantine/core";
import { type HourBank, useHourBank } from "../../api/billing";
import { QueryState } from "../../components/QueryState";
import { useT } from "../../i18n";
import { formatDate, formatMinutes } from "../../lib/format";

const W = 600;
const H = 180;
const PAD = 28;

/**
 * Burn-down of the month: hours left at the end of each day against the bank. @mantine/charts is not
 * installed, so this is a plain SVG (a line, the zero axis, and the bank as the top line).
 */
function BurnDown({ bank }: { bank: HourBank }) {
  const t = useT();
  const points = bank.burnDown;
  const days = Math.max(points.length, 28);
  const top = Math.max(bank.includedMinutes, 1);
  const bottom = Math.min(0, ...points.map((p) => p.leftMinutes));
  const x = (i: number) => PAD + (i * (W - 2 * PAD)) / Math.max(days - 1, 1);
  const y = (m: number) => PAD + ((top - m) * (H - 2 * PAD)) / (top - bottom || 1);
  const path = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.leftMinutes).toFixed(1)}`)
    .join(" ");
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-label={t("hourBank.chart")}
      data-testid="burn-down"
    >
      <title>{t("hourBank.chart")}</title>
      <line x1={PAD} x2={W - PAD} y1={y(top)} y2={y(top)} stroke="#adb5bd" strokeDasharray="4 4" />
      <line x1={PAD} x2={W - PAD} y1={y(0)} y2={y(0)} stroke="#868e96" />
      <text x={2} y={y(top) + 4} fontSize="10">
        {Math.round(top / 60)} h
      </text>
      <text x={2} y={y(0) + 4} fontSize="10">
        0
      </text>
      {path && <path d={path} fill="none" stroke="#228be6" strokeWidth={2} />}
    </svg>
  );
}

function Figures({ bank }: { bank: HourBank }) {
  const t = useT();
  const cells = [
    ["hourBank.included", bank.includedMinutes],
    ["hourBank.used", bank.usedMinutes],
    ["hourBank.left", bank.leftMinutes],
    ["hourBank.overage", bank.overageMinutes],
  ] as const;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} mb="sm">
      {cells.map(([k, v]) => (
        <Paper key={k} withBorder p="xs">
          <Text size="xs" c="dimmed">
            {t(k)}
          </Text>
          <Text fw={600} data-testid={k}>
            {formatMinutes(v)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

export function HourBankPanel({ contractId, onClose }: { contractId: string | null; onClose: () => void }) {
  const t = useT();
  const bank = useHourBank(contractId);
  return (
    <Modal
      opened={contractId !== null}
      onClose={onClose}
      size="xl"
      title={t("hourBank.title", { month: bank.data?.month ?? "" })}
    >
      <QueryState query={bank}>
        {bank.data && (
          <>
            <Figures bank={bank.data} />
            <BurnDown bank={bank.data} />
            <Text fw={600} mt="sm" mb="xs">
              {t("hourBank.tickets")}
            </Text>
            {bank.data.tickets.length === 0 ? (
              <Text c="dimmed">{t("hourBank.noTickets")}</Text>
            ) : (
              <Table.ScrollContainer minWidth={420}>
                <Table>
                  <Table.Tbody>
                    {bank.data.tickets.map((tk) => (
                      <Table.Tr key={tk.ticketId}>
                        <Table.Td>{tk.folio}</Table.Td>
                        <Table.Td>{tk.title}</Table.Td>
                        <Table.Td>{formatDate(tk.lastEntryAt)}</Table.Td>
                        <Table.Td>
                          <Group justify="flex-end">{formatMinutes(tk.billableMinutes)}</Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </>
        )}
      </QueryState>
    </Modal>
  );
}
