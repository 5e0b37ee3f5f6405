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
import { Button, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { type Client, useClientPages } from "../../api/clients";
import { ListFooter } from "../../components/ListFooter";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { useT } from "../../i18n";
import { ClientEditor } from "./ClientEditor";

const PAGING = { state: "paging" } as const;

export default function ClientsPage() {
  const t = useT();
  const [text, setText] = useState("");
  const [q] = useDebouncedValue(text.trim(), 250);
  const clients = useClientPages(q);
  // The id, not the object: the editor shows the list's fresh copy after each save.
  const [editing, setEditing] = useState<string | null>(null);
  const items = clients.data?.pages.flatMap((p) => p.items) ?? [];
  const current = editing && editing !== "new" ? (items.find((c) => c.id === editing) ?? null) : null;
  return (
    <>
      <PageHeader
        title={t("client.title")}
        actions={<Button onClick={() => setEditing("new")}>{t("client.new")}</Button>}
      />
      <TextInput
        mb="md"
        placeholder={t("client.search")}
        aria-label={t("client.search")}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <QueryState query={clients}>
        <ClientTable clients={items} onOpen={setEditing} />
        {/* Every client, 100 at a time: the next ones on «Cargar más». */}
        <ListFooter
          round={PAGING}
          hasNextPage={clients.hasNextPage}
          loading={clients.isFetchingNextPage}
          more={() => clients.fetchNextPage()}
        />
      </QueryState>
      <ClientEditor
        opened={editing === "new" || current !== null}
        client={current}
        onClose={() => setEditing(null)}
      />
    </>
  );
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
    <Table.ScrollContainer minWidth={700}>
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
              <Table.Td fw={500}>{c.name}</Table.Td>
              <Table.Td>{c.rfc ?? "—"}</Table.Td>
              <Table.Td>{c.phone ?? "—"}</Table.Td>
              <Table.Td>{c.email ?? "—"}</Table.Td>
              <Table.Td>{t(`payment.${c.paymentTerms}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
