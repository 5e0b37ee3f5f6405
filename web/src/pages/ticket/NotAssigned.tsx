import { Alert, Button, Group, Text } from "@mantine/core";
import { Link } from "react-router-dom";
import { ApiError } from "../../api/client";
import { useT } from "../../i18n";

/** Who has the ticket now, when the server refused it because it was reassigned; else null. */
export function reassignedTo(error: unknown): string | false | null {
  if (!(error instanceof ApiError) || error.code !== "forbidden") return null;
  const d = error.details as { reason?: string; assigneeName?: string | null } | null;
  if (d?.reason !== "not_assignee") return null;
  return d.assigneeName ?? false;
}

/** A dead end made useful: who has the ticket now and the way back to one's own queue (no retry). */
export function NotAssigned({ assigneeName }: { assigneeName: string | false }) {
  const t = useT();
  return (
    <Alert color="orange" title={t("ticket.notAssigned.title")} data-testid="ticket-not-assigned">
      <Text mb="sm">
        {assigneeName
          ? t("ticket.notAssigned.holder", { name: assigneeName })
          : t("ticket.notAssigned.nobody")}
      </Text>
      <Group>
        <Button component={Link} to="/mine" size="xs">
          {t("ticket.notAssigned.back")}
        </Button>
      </Group>
    </Alert>
  );
}
