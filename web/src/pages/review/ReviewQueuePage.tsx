// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/Card.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { useTicketList } from "../../api/tickets";
import { PageHeader } from "../../components/PageHeader";
import { TicketList } from "../../components/TicketTable";
import { useT } from "../../i18n";

export default function ReviewQueuePage() {
  const t = useT();
  const query = useTicketList({ status: "attended" }, { live: true });
  return (
    <>
      <PageHeader title={t("review.queue")} subtitle={t("review.queueHint")} />
      <TicketList query={query} empty={t("review.empty")} />
    </>
  );
}
