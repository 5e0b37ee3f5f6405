// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/FloatingIndicator.layer.css";
import "@mantine/core/styles/Card.layer.css";
import "@mantine/core/styles/SegmentedControl.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { SegmentedControl } from "@mantine/core";
import { useState } from "react";
import { useMe } from "../../api/auth";
import { useTicketList } from "../../api/tickets";
import { PageHeader } from "../../components/PageHeader";
import { TicketList } from "../../components/TicketTable";
import { useT } from "../../i18n";

const VIEWS = {
  active: "assigned,in_progress",
  attended: "attended,reviewed",
  closed: "closed",
} as const;

export default function MyTicketsPage() {
  const t = useT();
  const me = useMe();
  const [view, setView] = useState<keyof typeof VIEWS>("active");
  const query = useTicketList(
    { assigneeId: me.data?.id, status: VIEWS[view] },
    { live: true, enabled: !!me.data },
  );
  return (
    <>
      <PageHeader title={t("mine.title")} subtitle={t("mine.subtitle")} />
      <SegmentedControl
        mb="md"
        value={view}
        onChange={(v) => setView(v as keyof typeof VIEWS)}
        data={(Object.keys(VIEWS) as (keyof typeof VIEWS)[]).map((v) => ({
          value: v,
          label: t(`mine.${v}`),
        }))}
      />
      <TicketList query={query} cards empty={t("mine.empty")} />
    </>
  );
}
