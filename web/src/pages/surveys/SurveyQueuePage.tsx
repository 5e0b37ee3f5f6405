// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/FloatingIndicator.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import "@mantine/core/styles/SegmentedControl.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { Anchor, Badge, Button, Modal, Table, Text } from "@mantine/core";
import { useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { type SurveyQueueItem, useSurveyQueue } from "../../api/admin";
import { ListFooter } from "../../components/ListFooter";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { WideTable } from "../../components/WideTable";
import { useT } from "../../i18n";
import { formatDateTime } from "../../lib/format";
import { SurveyForm } from "./SurveyForm";
import { SurveyLinkCell } from "./SurveyLinkSent";

type Item = SurveyQueueItem;
const PAGING = { state: "paging" } as const;

function Row({ item, onOpen }: { item: Item; onOpen: () => void }) {
  const t = useT();
  return (
    <Table.Tr data-testid="survey-row" data-folio={item.folio}>
      <Table.Td>
        <Anchor component={Link} to={`/tickets/${item.id}`} fw={600} className="mesa-folio">
          {item.folio}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{item.clientName}</Text>
        <Text size="xs" c="dimmed">
          {item.contactName ?? "—"}
        </Text>
      </Table.Td>
      <Table.Td>{item.assigneeName ?? "—"}</Table.Td>
      <Table.Td>{formatDateTime(item.closedAt)}</Table.Td>
      <Table.Td>
        <Badge
          variant="light"
          color={item.attempts.length > 0 ? "orange" : "gray"}
          data-testid="survey-attempts"
        >
          {t("survey.attemptsOf", { n: item.attempts.length, max: item.maxAttempts })}
        </Badge>
      </Table.Td>
      <Table.Td>
        <SurveyLinkCell item={item} />
      </Table.Td>
      <Table.Td>
        <Button size="xs" onClick={onOpen} data-testid="survey-open">
          {t("survey.record")}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

export default function SurveyQueuePage() {
  const t = useT();
  const query = useSurveyQueue();
  // The open ticket is read from the latest queue answer, so the form sees a link it just mailed.
  const [openId, setOpenId] = useState<string | null>(null);
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  // Every page says how many wait in all; the last one read is the freshest.
  const pending = query.data?.pages.at(-1)?.pending ?? 0;
  const open = items.find((i) => i.id === openId) ?? null;
  return (
    <>
      <PageHeader title={t("survey.title")} subtitle={t("survey.hint")} />
      <QueryState query={query}>
        {items.length === 0 ? (
          <Text c="dimmed" ta="center" py="lg" data-testid="empty-list">
            {t("survey.empty")}
          </Text>
        ) : (
          <>
            <Text size="sm" mb="xs" data-testid="survey-pending">
              {t("survey.pending", { n: pending })}
            </Text>
            <WideTable minWidth={840}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("ticket.folio")}</Table.Th>
                    <Table.Th>{t("ticket.client")}</Table.Th>
                    <Table.Th>{t("ticket.assignee")}</Table.Th>
                    <Table.Th>{t("ticket.closedAt")}</Table.Th>
                    <Table.Th>{t("survey.attempts")}</Table.Th>
                    <Table.Th>{t("survey.byMail")}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Row key={item.id} item={item} onOpen={() => setOpenId(item.id)} />
                  ))}
                </Table.Tbody>
              </Table>
            </WideTable>
          </>
        )}
        {/* The oldest 100 first: the next ones on «Cargar más». */}
        <ListFooter
          round={PAGING}
          hasNextPage={query.hasNextPage}
          loading={query.isFetchingNextPage}
          more={() => query.fetchNextPage()}
        />
      </QueryState>
      <Modal
        closeButtonProps={{ "aria-label": t("common.close") }}
        opened={!!open}
        onClose={() => setOpenId(null)}
        title={open ? `${t("survey.record")} · ${open.folio}` : ""}
        size="lg"
      >
        {open && <SurveyForm ticket={open} onDone={() => setOpenId(null)} />}
      </Modal>
    </>
  );
}
