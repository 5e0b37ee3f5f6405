import { Anchor, Group } from "@mantine/core";
import { orderPdfUrl } from "../../api/serviceOrders";
import type { TicketDetail } from "../../contract";
import { useT } from "../../i18n";

const WITH_ORDER = new Set(["attended", "reviewed", "closed"]);

/** Once attended, the service order the client received, as a PDF (the same one attached to the mail). */
export function ServiceOrderLink({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  if (!WITH_ORDER.has(ticket.status)) return null;
  return (
    <Group gap="xs">
      <Anchor href={orderPdfUrl(ticket.id)} size="sm" data-testid="service-order-pdf">
        {t("order.staffPdf")}
      </Anchor>
    </Group>
  );
}
