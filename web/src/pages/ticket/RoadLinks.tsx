import { Button, Group } from "@mantine/core";
import type { TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { telHref } from "../../lib/phone";

export const mapHref = (address: string) =>
  `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`;

/** For the technician on the road: one tap calls the contact, one opens the map to the client. */
export function RoadLinks({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  if (!ticket.contactPhone && !ticket.clientAddress) return null;
  return (
    <Group gap="xs" data-testid="road-links">
      {ticket.contactPhone && (
        <Button
          component="a"
          href={telHref(ticket.contactPhone)}
          variant="light"
          size="sm"
          h="auto"
          py={6}
          // A long name and a phone number wrap on a phone instead of being cut.
          styles={{ label: { whiteSpace: "normal", textAlign: "start" } }}
          data-testid="call-contact"
        >
          {t("road.call", { name: ticket.contactName ?? ticket.contactPhone })} · {ticket.contactPhone}
        </Button>
      )}
      {ticket.clientAddress && (
        <Button
          component="a"
          href={mapHref(ticket.clientAddress)}
          target="_blank"
          rel="noopener noreferrer"
          variant="light"
          size="sm"
          title={ticket.clientAddress}
          data-testid="client-map"
        >
          {t("road.map")}
        </Button>
      )}
    </Group>
  );
}
