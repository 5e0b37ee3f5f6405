// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/Combobox.layer.css";
import "@mantine/core/styles/InlineInput.layer.css";
import "@mantine/core/styles/CheckboxCard.layer.css";
import "@mantine/core/styles/CheckboxIndicator.layer.css";
import "@mantine/core/styles/Checkbox.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import "@mantine/core/styles/Pill.layer.css";
import "@mantine/core/styles/PillsInput.layer.css";
import "@mantine/core/styles/NumberInput.layer.css";
import "@mantine/core/styles/SimpleGrid.layer.css";
import "@mantine/core/styles/Table.layer.css";
import "@mantine/core/styles/Tabs.layer.css";
import "@mantine/core/styles/Timeline.layer.css";
import { Box, Button, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { type Client, useClient, useClientPages } from "../../api/clients";
import { ListFooter } from "../../components/ListFooter";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { RowOpener } from "../../components/RowOpener";
import { WideTable } from "../../components/WideTable";
import { useT } from "../../i18n";
import { ClientEditor } from "./ClientEditor";

const PAGING = { state: "paging" } as const;

export default function ClientsPage() {
  const t = useT();
  const [text, setText] = useState("");
  const [q] = useDebouncedValue(text.trim(), 250);
  const clients = useClientPages(q);
  const [creating, setCreating] = useState(false);
  const { linked, tab, open, close } = useLinkedClient();
  const items = clients.data?.pages.flatMap((p) => p.items) ?? [];
  // The id, not the object: the editor shows the list's fresh copy after each save. A client named by
  // the address (a link from another page) may not be among the pages loaded: it is read by itself.
  const listed = linked ? (items.find((c) => c.id === linked) ?? null) : null;
  const single = useClient(linked, linked !== null && listed === null && !clients.isPending);
  const current = listed ?? (linked ? (single.data ?? null) : null);
  // A link to a client that is gone (or not this user's to see) says so, with the way to the plain
  // list; a failed load (network, server) offers to try again.
  const gone = {
    title: t("client.linkGone.title"),
    message: t("client.linkGone"),
    back: { to: "/clients", label: t("client.linkGone.back") },
  };
  return (
    <>
      <PageHeader
        title={t("client.title")}
        actions={<Button onClick={() => setCreating(true)}>{t("client.new")}</Button>}
      />
      <TextInput
        mb="md"
        placeholder={t("client.search")}
        aria-label={t("client.search")}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      {linked !== null && single.isError && (
        <Box mb="md">
          <QueryState query={single} gone={gone}>
            {null}
          </QueryState>
        </Box>
      )}
      <QueryState query={clients}>
        <ClientTable clients={items} onOpen={open} />
        {/* Every client, 100 at a time: the next ones on «Cargar más». */}
        <ListFooter
          round={PAGING}
          hasNextPage={clients.hasNextPage}
          loading={clients.isFetchingNextPage}
          more={() => clients.fetchNextPage()}
        />
      </QueryState>
      <ClientEditor
        opened={creating || current !== null}
        client={creating ? null : current}
        tab={tab}
        onClose={() => {
          setCreating(false);
          close();
        }}
      />
    </>
  );
}

/**
 * The open client is in the address (`?client=<id>`, and `&tab=contacts` to land on its contacts), so
 * another page can link to a client's card (the survey queue, to invite a contact to the portal) and a
 * reload keeps it open. Opening and closing replace the address: Back returns to the page before.
 */
function useLinkedClient() {
  const [params, setParams] = useSearchParams();
  const linked = params.get("client");
  const tab = params.get("tab") === "contacts" ? ("contacts" as const) : ("data" as const);
  const open = (id: string) => setParams({ client: id }, { replace: true });
  const close = () => {
    if (linked) setParams({}, { replace: true });
  };
  return { linked, tab, open, close };
}

function ClientTable({ clients, onOpen }: { clients: Client[]; onOpen: (id: string) => void }) {
  const t = useT();
  if (clients.length === 0) {
    return (
      <Text c="dimmed" ta="center" py="lg" data-testid="clients-empty">
        {t("client.empty")}
      </Text>
    );
  }
  return (
    <WideTable minWidth={700}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("client.name")}</Table.Th>
            <Table.Th>{t("client.rfc")}</Table.Th>
            <Table.Th>{t("common.phone")}</Table.Th>
            <Table.Th>{t("common.email")}</Table.Th>
            <Table.Th>{t("client.paymentTerms")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clients.map((c) => (
            <Table.Tr
              key={c.id}
              className="mesa-row-link"
              data-testid="client-row"
              onClick={() => onOpen(c.id)}
            >
              <Table.Td>
                <RowOpener onOpen={() => onOpen(c.id)}>{c.name}</RowOpener>
              </Table.Td>
              <Table.Td>{c.rfc ?? "—"}</Table.Td>
              <Table.Td>{c.phone ?? "—"}</Table.Td>
              <Table.Td>{c.email ?? "—"}</Table.Td>
              <Table.Td>{t(`payment.${c.paymentTerms}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
