import { Badge, Group, Modal, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import type { Invoice } from "../../api/billing";
import { WideTable } from "../../components/WideTable";
import { type MessageKey, useT } from "../../i18n";
import { formatDate, formatMoney } from "../../lib/format";
import { percentToInput } from "../../lib/percent";
import { StatusBadge } from "./StatusBadge";

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** Who it bills, what it is for, where it stands: what the PDF says above its lines. */
function Facts({ invoice }: { invoice: Invoice }) {
  const t = useT();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mb="md" data-testid="invoice-facts">
      <Fact label={t("billing.client")}>
        {invoice.clientName}
        {invoice.clientRfc && ` · RFC ${invoice.clientRfc}`}
      </Fact>
      <Fact label={t("billing.status")}>
        <StatusBadge status={invoice.status} />
      </Fact>
      <Fact label={t("billing.origin")}>{invoice.period ?? invoice.ticketFolio ?? "—"}</Fact>
      <Fact label={t("billing.dueOn")}>{formatDate(invoice.dueOn)}</Fact>
      {invoice.issuedAt && <Fact label={t("billing.issuedOn")}>{formatDate(invoice.issuedAt)}</Fact>}
      {invoice.issuedAt && (
        <Fact label={t("billing.mailedTo")}>
          <span data-testid="invoice-mailed-to" style={{ overflowWrap: "anywhere" }}>
            {invoice.mailedTo ?? t("billing.notMailed")}
          </span>
        </Fact>
      )}
      {invoice.erpFolio && <Fact label={t("billing.erpFolio")}>{invoice.erpFolio}</Fact>}
    </SimpleGrid>
  );
}

function LinesTable({ invoice }: { invoice: Invoice }) {
  const t = useT();
  const totals = [
    [t("billing.subtotal"), invoice.subtotalCents],
    [t("billing.draft.taxAt", { rate: percentToInput(invoice.taxBasisPoints) }), invoice.taxCents],
    [t("billing.total"), invoice.totalCents],
  ] as const;
  return (
    <WideTable minWidth={480}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th ta="right">{t("billing.draft.quantity")}</Table.Th>
            <Table.Th>{t("billing.draft.description")}</Table.Th>
            <Table.Th ta="right">{t("billing.draft.price")}</Table.Th>
            <Table.Th ta="right">{t("billing.draft.amount")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoice.lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an invoice's lines are a fixed list, never reordered
            <Table.Tr key={i}>
              <Table.Td ta="right">{l.quantity}</Table.Td>
              <Table.Td>
                {l.description}{" "}
                {l.warning && (
                  <Badge color="orange" variant="light" data-testid="line-warning">
                    {t(`billing.lineWarning.${l.warning}` as MessageKey)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">{formatMoney(l.unitPriceCents)}</Table.Td>
              <Table.Td ta="right">{formatMoney(l.amountCents)}</Table.Td>
            </Table.Tr>
          ))}
          {totals.map(([label, cents]) => (
            <Table.Tr key={label}>
              <Table.Td colSpan={3} ta="right" fw={600}>
                {label}
              </Table.Td>
              <Table.Td ta="right" fw={600}>
                {formatMoney(cents)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

/** An invoice opened from the list: its facts, its lines with their headings, and its totals. */
export function InvoiceDetail({ invoice, onClose }: { invoice: Invoice | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      opened={invoice !== null}
      onClose={onClose}
      title={invoice?.folio}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      {invoice && (
        <>
          <Facts invoice={invoice} />
          {invoice.status !== "draft" && (
            <Group mb="sm">
              <Text size="sm" c="dimmed">
                {t("billing.draft.frozen")}
              </Text>
            </Group>
          )}
          <LinesTable invoice={invoice} />
        </>
      )}
    </Modal>
  );
}
