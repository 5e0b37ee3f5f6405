// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/Card.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { useTicketList } from "../../api/tickets";
import { PageHeader } from "../../components/PageHeader";
import { TicketList } from "../../components/TicketTable";
import { useT } from "../../i18n";
import { acceptanceColumn, billingColumns } from "../review/queueColumns";

export default function ClosingQueuePage() {
  const t = useT();
  const query = useTicketList({ status: "reviewed" }, { live: true });
  // What closing decides from: accepted or not, a póliza's or an event's, and the time to bill.
  const extra = [acceptanceColumn(t), ...billingColumns(t)];
  return (
    <>
      <PageHeader title={t("closing.title")} subtitle={t("closing.hint")} />
      <TicketList query={query} empty={t("closing.empty")} extra={extra} oneStatus />
    </>
  );
}
