import { Modal, Stack, Tabs } from "@mantine/core";
import { useMe } from "../../api/auth";
import type { Client } from "../../api/clients";
import { AuditTrail } from "../../components/AuditTrail";
import { useT } from "../../i18n";
import { hasRole } from "../../lib/roles";
import { ClientForm } from "./ClientForm";
import { ContactsPanel } from "./ContactsPanel";
import { PaymentTerms } from "./PaymentTerms";

function ExistingClient({ client, tab, onClose }: { client: Client; tab: ClientTab; onClose: () => void }) {
  const t = useT();
  const roles = useMe().data?.roles ?? [];
  const showHistory = hasRole(roles, "leader", "admin");
  return (
    <Tabs defaultValue={tab} keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="data">{t("client.tab.data")}</Tabs.Tab>
        <Tabs.Tab value="contacts">{t("client.contacts")}</Tabs.Tab>
        {showHistory && <Tabs.Tab value="history">{t("client.tab.history")}</Tabs.Tab>}
      </Tabs.List>
      <Tabs.Panel value="data">
        <Stack>
          <PaymentTerms
            client={client}
            canRequest={hasRole(roles, "reception", "leader", "sales", "admin")}
            canRevoke={hasRole(roles, "sales", "admin")}
          />
          <ClientForm
            client={client}
            pickTechnician={hasRole(roles, "reception", "leader", "admin")}
            onClose={onClose}
          />
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="contacts">
        <ContactsPanel clientId={client.id} billingContactId={client.billingContactId} />
      </Tabs.Panel>
      {showHistory && (
        <Tabs.Panel value="history">
          <AuditTrail entity="client" entityId={client.id} />
        </Tabs.Panel>
      )}
    </Tabs>
  );
}

/** The tab a client's card opens on. */
export type ClientTab = "data" | "contacts";

/** A client's data, payment terms, contacts and (leader, admin) change history. */
export function ClientEditor({
  client,
  opened,
  tab = "data",
  onClose,
}: {
  client: Client | null;
  opened: boolean;
  tab?: ClientTab;
  onClose: () => void;
}) {
  const t = useT();
  const roles = useMe().data?.roles ?? [];
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("common.close") }}
      opened={opened}
      onClose={onClose}
      title={client ? client.name : t("client.new")}
      size="xl"
    >
      {opened && client && <ExistingClient key={client.id} client={client} tab={tab} onClose={onClose} />}
      {opened && !client && (
        <ClientForm
          client={null}
          pickTechnician={hasRole(roles, "reception", "leader", "admin")}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}
