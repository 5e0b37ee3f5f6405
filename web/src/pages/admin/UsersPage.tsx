// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/Combobox.layer.css";
import "@mantine/core/styles/InlineInput.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import "@mantine/core/styles/Pill.layer.css";
import "@mantine/core/styles/PillsInput.layer.css";
import "@mantine/core/styles/Switch.layer.css";
import "@mantine/core/styles/Table.layer.css";
import "@mantine/core/styles/FloatingIndicator.layer.css";
import "@mantine/core/styles/SegmentedControl.layer.css";
import { Badge, Button, Group, SegmentedControl, Table, Text } from "@mantine/core";
import { useState } from "react";
import { type User, useUsers } from "../../api/admin";
import { useCategoryName } from "../../api/clients";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { RowOpener } from "../../components/RowOpener";
import { WideTable } from "../../components/WideTable";
import { useT } from "../../i18n";
import { UserEditor } from "./UserEditor";

export default function UsersPage() {
  const t = useT();
  const users = useUsers();
  const categoryName = useCategoryName();
  const [editing, setEditing] = useState<User | null | "new">(null);
  // Client contacts with a portal account are users too, but managed from their client's page:
  // they are listed apart so the desk's own people are not lost among them.
  const [shown, setShown] = useState<"staff" | "portal">("staff");
  const all = users.data?.items ?? [];
  const isPortal = (u: User) => u.roles.includes("client");
  const listed = all.filter((u) => isPortal(u) === (shown === "portal"));
  return (
    <>
      <PageHeader
        title={t("users.title")}
        actions={<Button onClick={() => setEditing("new")}>{t("users.new")}</Button>}
      />
      <SegmentedControl
        mb="md"
        aria-label={t("users.show")}
        data-testid="users-shown"
        value={shown}
        onChange={(v) => setShown(v === "portal" ? "portal" : "staff")}
        data={[
          { value: "staff", label: t("users.staff", { n: all.filter((u) => !isPortal(u)).length }) },
          { value: "portal", label: t("users.portal", { n: all.filter(isPortal).length }) },
        ]}
      />
      <QueryState query={users}>
        <WideTable minWidth={760}>
          <Table striped highlightOnHover data-testid="users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("common.name")}</Table.Th>
                <Table.Th>{t("common.email")}</Table.Th>
                <Table.Th>{t("users.roles")}</Table.Th>
                <Table.Th>{t("users.skills")}</Table.Th>
                <Table.Th>{t("users.active")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {listed.map((u) => (
                <Table.Tr key={u.id} className="mesa-row-link" onClick={() => setEditing(u)}>
                  <Table.Td>
                    <RowOpener onOpen={() => setEditing(u)}>{u.name}</RowOpener>
                  </Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {u.roles.map((r) => (
                        <Badge key={r} variant="light" size="sm">
                          {t(`role.${r}`)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{u.skills.map(categoryName).join(", ") || "—"}</Text>
                  </Table.Td>
                  <Table.Td>{u.active ? t("common.yes") : t("common.no")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      </QueryState>
      <UserEditor
        opened={editing !== null}
        user={editing === "new" ? null : editing}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
