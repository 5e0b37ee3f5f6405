import { Divider, List, Stack, Table, Text, Title } from "@mantine/core";
import { WideTable } from "../../components/WideTable";
import type { ServiceOrder } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime, formatMinutes, formatMoney } from "../../lib/format";

/** The service order as the client reads it: firm, folio, activities, times by mode, charges. */
export function OrderSummary({ order }: { order: ServiceOrder }) {
  const t = useT();
  return (
    <Stack gap="sm">
      <div>
        <Text fw={600}>{order.company.name}</Text>
        <Title order={1} size="h3" data-testid="order-title">
          {t("order.title", { folio: order.folio })}
        </Title>
        <Text>{order.title}</Text>
        <Text size="sm" c="dimmed">
          {t("order.client", { name: order.clientName })}
        </Text>
      </div>
      <Divider />
      <Title order={2} size="h5">
        {t("order.activities")}
      </Title>
      {order.activities.length === 0 ? (
        <Text c="dimmed">{t("order.none")}</Text>
      ) : (
        <List spacing={4} size="sm">
          {order.activities.map((a) => (
            <List.Item key={`${a.at}-${a.activity}`}>
              {formatDateTime(a.at)} · {t(`mode.${a.mode}`)} · {formatMinutes(a.minutes)} — {a.activity}
            </List.Item>
          ))}
        </List>
      )}
      <Title order={2} size="h5">
        {t("order.timesByMode")}
      </Title>
      <List spacing={2} size="sm">
        {order.minutesByMode.map((m) => (
          <List.Item key={m.mode}>
            {t(`mode.${m.mode}`)}: {formatMinutes(m.minutes)}
          </List.Item>
        ))}
      </List>
      <Text fw={600}>{t("order.total", { time: formatMinutes(order.totalMinutes) })}</Text>
      <Title order={2} size="h5">
        {t("order.charges")}
      </Title>
      {order.charges.length === 0 ? (
        <Text c="dimmed">{t("order.none")}</Text>
      ) : (
        <WideTable minWidth={320}>
          <Table>
            <Table.Tbody>
              {order.charges.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: charges have no id in the client-facing shape
                <Table.Tr key={i}>
                  <Table.Td>
                    {c.quantity} × {c.description}
                  </Table.Td>
                  <Table.Td ta="right">{formatMoney(c.amountCents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
      <Text fw={600}>{t("order.chargesTotal", { amount: formatMoney(order.chargesTotalCents) })}</Text>
    </Stack>
  );
}
