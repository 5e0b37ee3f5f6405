import { useTicketList } from "../../api/tickets";
import { PageHeader } from "../../components/PageHeader";
import { TicketList } from "../../components/TicketTable";
import { useT } from "../../i18n";

export default function ClosingQueuePage() {
  const t = useT();
  const query = useTicketList({ status: "reviewed" }, { live: true });
  return (
    <>
      <PageHeader title={t("closing.title")} subtitle={t("closing.hint")} />
      <TicketList query={query} empty={t("closing.empty")} />
    </>
  );
}
