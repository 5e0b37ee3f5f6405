import { Badge } from "@mantine/core";
import type { Invoice } from "../../api/billing";
import { type MessageKey, useT } from "../../i18n";

const STATUS_COLOR = {
  draft: "gray",
  issued: "blue",
  exported: "violet",
  paid: "teal",
  cancelled: "red",
} as const;

export function StatusBadge({ status }: { status: Invoice["status"] }) {
  const t = useT();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="invoice-status">
      {t(`billing.st.${status}` as MessageKey)}
    </Badge>
  );
}
