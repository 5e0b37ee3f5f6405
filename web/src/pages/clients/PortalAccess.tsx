import { Alert, Badge, Button, Stack, Table, Text } from "@mantine/core";
import type { Contact } from "../../api/clients";
import { useInvitePortalUser, usePortalUsers } from "../../api/portal";
import { WideTable } from "../../components/WideTable";
import type { PortalUser, PortalUserStatus } from "../../contract";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/form";
import { formatDateTime } from "../../lib/format";

const COLOR: Record<PortalUserStatus, string> = { invited: "blue", active: "teal", disabled: "gray" };

export function PortalBadge({ status }: { status: PortalUserStatus }) {
  const t = useT();
  return (
    <Badge color={COLOR[status]} variant="light" data-testid="portal-status">
      {t(`portal.status.${status}`)}
    </Badge>
  );
}

/** "Invitar al portal" for one contact: creates or re-activates its portal account (magic link, no password). */
export function InviteButton({ contact, user }: { contact: Contact; user: PortalUser | undefined }) {
  const t = useT();
  const invite = useInvitePortalUser(contact.clientId);
  if (!contact.email) {
    return (
      <Text size="xs" c="dimmed">
        {t("portal.noEmail")}
      </Text>
    );
  }
  const again = user && user.status !== "disabled";
  return (
    <Stack gap={2} align="flex-start">
      <Button
        size="xs"
        variant={again ? "subtle" : "light"}
        loading={invite.isPending}
        onClick={() => invite.mutate(contact.id)}
        aria-label={`${t("portal.invite")}: ${contact.name}`}
        data-testid="portal-invite"
      >
        {again ? t("portal.reinvite") : t("portal.invite")}
      </Button>
      {invite.isSuccess && (
        <Text size="xs" c="teal.8">
          {t("portal.invited", { email: invite.data.email })}
        </Text>
      )}
      {invite.isError && (
        <Text size="xs" c="red">
          {errorMessage(t, invite.error)}
        </Text>
      )}
    </Stack>
  );
}

/** Who of this client can enter the portal, and in what state. */
export function PortalAccess({ clientId }: { clientId: string }) {
  const t = useT();
  const users = usePortalUsers(clientId);
  const items = users.data?.items ?? [];
  return (
    <Stack gap={6} data-testid="portal-access">
      <Text fw={600}>{t("portal.title")}</Text>
      <Text size="xs" c="dimmed">
        {t("portal.hint")}
      </Text>
      {users.isError && <Alert color="red">{errorMessage(t, users.error)}</Alert>}
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("portal.none")}
        </Text>
      ) : (
        // On a phone the table scrolls inside its own box, not the whole client dialog.
        <WideTable minWidth={560}>
          <Table fz="sm">
            <Table.Tbody>
              {items.map((u) => (
                <Table.Tr key={u.id} data-testid="portal-user" data-email={u.email}>
                  <Table.Td>{u.name}</Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>
                    <PortalBadge status={u.status} />
                  </Table.Td>
                  <Table.Td className="mesa-nowrap">
                    {u.invitedAt ? formatDateTime(u.invitedAt) : "—"}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
    </Stack>
  );
}
