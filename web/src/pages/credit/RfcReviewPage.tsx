// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/Table.layer.css";
import { Stack, Table, Text } from "@mantine/core";
import { useRfcReview } from "../../api/credit-warranty";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { WideTable } from "../../components/WideTable";
import { useT } from "../../i18n";
import { formatDateTime } from "../../lib/format";

/** Clients whose RFC fails SAT's check digit (confirmed by staff at entry): to check before invoicing. */
export default function RfcReviewPage() {
  const t = useT();
  const review = useRfcReview();
  return (
    <Stack>
      <PageHeader title={t("rfcReview.title")} subtitle={t("rfcReview.subtitle")} />
      <QueryState query={review}>
        {review.data?.items.length === 0 ? (
          <Text c="dimmed">{t("rfcReview.none")}</Text>
        ) : (
          <WideTable minWidth={520}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("credit.client")}</Table.Th>
                  <Table.Th>RFC</Table.Th>
                  <Table.Th>{t("rfcReview.expected")}</Table.Th>
                  <Table.Th>{t("rfcReview.confirmed")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {review.data?.items.map((c) => (
                  <Table.Tr key={c.clientId} data-testid="rfc-review-row">
                    <Table.Td>{c.name}</Table.Td>
                    <Table.Td ff="monospace">{c.rfc}</Table.Td>
                    <Table.Td ff="monospace">{c.expectedCheckDigit}</Table.Td>
                    <Table.Td>
                      {c.confirmedAt
                        ? t("credit.decidedBy", {
                            who: c.confirmedByName ?? "—",
                            at: formatDateTime(c.confirmedAt),
                          })
                        : "—"}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        )}
      </QueryState>
    </Stack>
  );
}
