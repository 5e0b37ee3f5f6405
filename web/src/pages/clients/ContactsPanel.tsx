import { Badge, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { type Contact, useContacts } from "../../api/clients";
import { usePortalUsers } from "../../api/portal";
import { QueryState } from "../../components/QueryState";
import { WideTable } from "../../components/WideTable";
import type { PortalUser } from "../../contract";
import { useT } from "../../i18n";
import { contactPhones } from "../../lib/phone";
import { ContactForm } from "./ContactForm";
import { InviteButton, PortalAccess, PortalBadge } from "./PortalAccess";

function ContactRow({
  contact,
  onEdit,
  portalUser,
  billing,
}: {
  contact: Contact;
  onEdit: () => void;
  portalUser: PortalUser | undefined;
  /** The client's billing contact: receives the issued invoices. */
  billing: boolean;
}) {
  const t = useT();
  const phones = contactPhones(contact);
  const emails = contact.emails.length ? contact.emails : contact.email ? [contact.email] : [];
  return (
    <Table.Tr data-testid="contact-row" data-name={contact.name}>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" fw={500}>
            {contact.name}
          </Text>
          {billing && (
            <Badge
              color="grape"
              variant="light"
              title={t("client.billingContactHint")}
              data-testid="billing-badge"
            >
              {t("contact.billingBadge")}
            </Badge>
          )}
        </Group>
        {contact.position && (
          <Text size="xs" c="dimmed">
            {contact.position}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{phones.join(", ") || "—"}</Table.Td>
      <Table.Td>{emails.join(", ") || "—"}</Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          {portalUser && <PortalBadge status={portalUser.status} />}
          {contact.portalAdmin && (
            <Badge color="indigo" variant="outline" data-testid="portal-admin-badge">
              {t("contact.portalAdminBadge")}
            </Badge>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <InviteButton contact={contact} user={portalUser} />
      </Table.Td>
      <Table.Td>
        <Button
          size="xs"
          variant="subtle"
          onClick={onEdit}
          aria-label={`${t("contact.edit")}: ${contact.name}`}
        >
          {t("common.edit")}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** A client's contacts: every phone and e-mail, with editing and adding; the billing contact marked. */
export function ContactsPanel({
  clientId,
  billingContactId,
}: {
  clientId: string;
  billingContactId: string | null;
}) {
  const t = useT();
  const contacts = useContacts(clientId);
  const [editing, setEditing] = useState<Contact | "new" | null>(null);
  const items = contacts.data?.items ?? [];
  const portal = usePortalUsers(clientId);
  const portalOf = (id: string) => portal.data?.items.find((u) => u.contactId === id);
  return (
    <Stack gap="sm">
      {editing ? (
        <ContactForm
          key={editing === "new" ? "new" : editing.id}
          clientId={clientId}
          contact={editing === "new" ? null : editing}
          portalSignIn={
            editing !== "new" && ["invited", "active"].includes(portalOf(editing.id)?.status ?? "")
          }
          onDone={() => setEditing(null)}
        />
      ) : (
        <Group justify="flex-end">
          <Button size="xs" variant="light" onClick={() => setEditing("new")}>
            {t("contact.new")}
          </Button>
        </Group>
      )}
      <QueryState query={contacts}>
        {items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("client.noContacts")}
          </Text>
        ) : (
          <WideTable minWidth={760}>
            <Table fz="sm" data-testid="contacts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("contact.colName")}</Table.Th>
                  <Table.Th>{t("contact.colPhones")}</Table.Th>
                  <Table.Th>{t("contact.colEmails")}</Table.Th>
                  <Table.Th>{t("contact.portalCol")}</Table.Th>
                  <Table.Th />
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <ContactRow
                    key={c.id}
                    contact={c}
                    onEdit={() => setEditing(c)}
                    portalUser={portalOf(c.id)}
                    billing={c.id === billingContactId}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        )}
      </QueryState>
      <PortalAccess clientId={clientId} />
    </Stack>
  );
}
