// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/Card.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { useTicketList } from "../../api/tickets";
import { PageHeader } from "../../components/PageHeader";
import { PlainText } from "../../components/plain";
import { type ExtraColumn, TicketList } from "../../components/TicketTable";
import { useT } from "../../i18n";
import { formatMinutes } from "../../lib/format";
import { acceptanceColumn } from "./queueColumns";

export default function ReviewQueuePage() {
  const t = useT();
  const query = useTicketList({ status: "attended" }, { live: true });
  // What the senior weighs before reviewing: did the client accept, and how much time is there.
  const extra: ExtraColumn[] = [
    acceptanceColumn(t),
    {
      label: t("review.rawCol"),
      cell: (ticket) => <PlainText size="sm">{formatMinutes(ticket.rawMinutes)}</PlainText>,
    },
  ];
  return (
    <>
      <PageHeader title={t("review.queue")} subtitle={t("review.queueHint")} />
      <TicketList query={query} empty={t("review.empty")} extra={extra} oneStatus />
    </>
  );
}
