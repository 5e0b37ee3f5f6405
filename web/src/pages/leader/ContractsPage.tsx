// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/Combobox.layer.css";
import "@mantine/core/styles/InlineInput.layer.css";
import "@mantine/core/styles/ColorSwatch.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import "@mantine/core/styles/NumberInput.layer.css";
import "@mantine/core/styles/SimpleGrid.layer.css";
import "@mantine/core/styles/Switch.layer.css";
import "@mantine/core/styles/Table.layer.css";
import "@mantine/core/styles/Tabs.layer.css";
import "@mantine/core/styles/Timeline.layer.css";
import "@mantine/charts/styles.layer.css";
import "@mantine/dates/styles.layer.css";
import { Badge, Button, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { useMe } from "../../api/auth";
import { type Contract, useContracts } from "../../api/clients";
import { ClientPicker } from "../../components/ClientPicker";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { WideTable } from "../../components/WideTable";
import { useT } from "../../i18n";
import { formatDate, formatMinutes, formatMoney } from "../../lib/format";
import { hasRole } from "../../lib/roles";
import { ContractEditor } from "./ContractEditor";
import { HourBankPanel } from "./HourBankPanel";

export default function ContractsPage() {
  const t = useT();
  const me = useMe();
  // The client filter lives in the address (?client=), so a reload or a shared link keeps it.
  const [params, setParams] = useSearchParams();
  const clientId = params.get("client");
  const setClientId = (id: string | null) => setParams(id ? { client: id } : {}, { replace: true });
  const contracts = useContracts(clientId);
  const [editing, setEditing] = useState<Contract | null | "new">(null);
  const canEdit = hasRole(me.data?.roles, "leader", "sales", "admin");
  const [bankOf, setBankOf] = useState<string | null>(null);
  const items = contracts.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t("contract.title")}
        actions={canEdit && <Button onClick={() => setEditing("new")}>{t("contract.new")}</Button>}
      />
      <ClientPicker
        mb="md"
        w={320}
        maw="100%"
        placeholder={t("contract.allClients")}
        value={clientId}
        onChange={setClientId}
        clearable
        aria-label={t("ticket.client")}
      />
      <QueryState query={contracts}>
        {items.length === 0 ? (
          <Text c="dimmed" ta="center" py="lg">
            {t("contract.none")}
          </Text>
        ) : (
          <WideTable minWidth={900}>
            <Table striped data-testid="contracts">
              <Table.Thead>
                <Table.Tr>
                  {(
                    [
                      "ticket.client",
                      "contract.type",
                      "contract.startsOn",
                      "contract.endsOn",
                      "contract.monthlyFee",
                      "contract.includedHours",
                      "contract.overageRate",
                      "contract.state",
                    ] as const
                  ).map((k) => (
                    <Table.Th key={k}>{t(k)}</Table.Th>
                  ))}
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.clientName}</Table.Td>
                    <Table.Td>
                      {c.type} · {c.typeName}
                    </Table.Td>
                    <Table.Td>{formatDate(c.startsOn)}</Table.Td>
                    <Table.Td>{c.endsOn ? formatDate(c.endsOn) : t("contract.openEnded")}</Table.Td>
                    <Table.Td>{formatMoney(c.monthlyFeeCents)}</Table.Td>
                    <Table.Td>
                      {c.includedMinutesPerMonth == null ? "—" : formatMinutes(c.includedMinutesPerMonth)}
                    </Table.Td>
                    <Table.Td>{formatMoney(c.overageRateCents)}</Table.Td>
                    <Table.Td>
                      <Badge
                        color={c.cancelledAt ? "gray" : "teal"}
                        variant="light"
                        data-testid="contract-state"
                      >
                        {c.cancelledAt ? t("contract.cancelled") : t("contract.active")}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {canEdit && (
                        <Button size="xs" variant="default" onClick={() => setEditing(c)}>
                          {t("common.edit")}
                        </Button>
                      )}
                      {canEdit && c.includedMinutesPerMonth != null && (
                        <Button size="xs" variant="subtle" ml="xs" onClick={() => setBankOf(c.id)}>
                          {t("hourBank.open")}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        )}
      </QueryState>
      <HourBankPanel contractId={bankOf} onClose={() => setBankOf(null)} />
      <ContractEditor
        opened={editing !== null}
        contract={editing === "new" ? null : editing}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
