import { Alert, Anchor, Badge, Button, Group, Modal, Table, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { type Invoice, type InvoiceAction, useInvoiceAction, useInvoiceDetail } from "../../api/billing";
import { ReasonDialog } from "../../components/ReasonDialog";
import { WideTable } from "../../components/WideTable";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/form";
import { formatDate, formatMoney } from "../../lib/format";
import { DraftEditor } from "./DraftEditor";
import { InvoiceDetail } from "./InvoiceDetail";
import { StatusBadge } from "./StatusBadge";

interface ActionsProps {
  invoice: Invoice;
  onEdit: () => void;
  onCancel: () => void;
}

/**
 * Issuing freezes the draft and mails it to the client at once, and cannot be undone (only cancelled):
 * asked first, as cancelling is, so a click meant for «Editar» beside it sends nothing. The question
 * names the address it goes to, read when asked (the client's may have changed since the list), and
 * says so when there is none and nothing will be sent.
 */
function IssueConfirm({
  invoice,
  opened,
  busy,
  failure,
  onIssue,
  onClose,
}: {
  invoice: Invoice;
  opened: boolean;
  busy: boolean;
  /** Why the last «Emitir» was refused (no RFC, someone else's edit): shown here, where it was asked. */
  failure: string | null;
  onIssue: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const detail = useInvoiceDetail(invoice.id, opened);
  // Read again at each opening: an address shown from before would not be where it goes now.
  const to = detail.isFetching ? undefined : detail.data?.mailTo;
  const facts = { client: invoice.clientName, total: formatMoney(invoice.totalCents) };
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("common.close") }}
      opened={opened}
      onClose={onClose}
      title={t("billing.issueTitle", { folio: invoice.folio })}
    >
      <Text size="sm" mb="md" data-testid="issue-question" style={{ overflowWrap: "anywhere" }}>
        {detail.isError
          ? errorMessage(t, detail.error)
          : to === undefined
            ? t("billing.issueLooking")
            : to === null
              ? t("billing.issueNoMail", facts)
              : t("billing.issueConfirm", { ...facts, to })}
      </Text>
      {failure && (
        <Alert color="red" mb="md" data-testid="issue-error">
          {failure}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t("common.back")}
        </Button>
        <Button onClick={onIssue} loading={busy} disabled={to === undefined} data-testid="issue-confirm">
          {t(to === null ? "billing.issueOnly" : "billing.issueSend")}
        </Button>
      </Group>
    </Modal>
  );
}

function Actions({ invoice, onEdit, onCancel }: ActionsProps) {
  const t = useT();
  const act = useInvoiceAction();
  const [confirming, setConfirming] = useState(false);
  const run = (action: InvoiceAction) => act.mutate({ id: invoice.id, action });
  const s = invoice.status;
  return (
    <Group gap="xs" wrap="nowrap">
      {s === "draft" && (
        <Button size="xs" variant="default" onClick={onEdit}>
          {t("common.edit")}
        </Button>
      )}
      {s === "draft" && (
        <Button
          size="xs"
          onClick={() => {
            act.reset();
            setConfirming(true);
          }}
        >
          {t("billing.issue")}
        </Button>
      )}
      <IssueConfirm
        invoice={invoice}
        opened={confirming && s === "draft"}
        busy={act.isPending}
        failure={confirming && act.isError ? errorMessage(t, act.error) : null}
        onIssue={() =>
          act.mutate({ id: invoice.id, action: "issue" }, { onSuccess: () => setConfirming(false) })
        }
        onClose={() => setConfirming(false)}
      />
      {(s === "issued" || s === "exported") && (
        <Button size="xs" variant="light" color="teal" onClick={() => run("paid")} loading={act.isPending}>
          {t("billing.paid")}
        </Button>
      )}
      {s !== "paid" && s !== "cancelled" && (
        <Button size="xs" variant="subtle" color="red" onClick={onCancel}>
          {/* A draft was never issued: it is discarded; «cancelar una factura» is what one does with the SAT. */}
          {t(s === "draft" ? "billing.discardDraft" : "billing.cancel")}
        </Button>
      )}
      <Anchor size="sm" href={`/api/invoices/${invoice.id}/pdf`} target="_blank" rel="noopener">
        {t("billing.pdf")}
      </Anchor>
      {act.isError && !confirming && <Badge color="red">{errorMessage(t, act.error)}</Badge>}
    </Group>
  );
}

/**
 * The invoice a link names (`?invoice=<id>`, from a ticket just closed), opened once it is listed;
 * closing it drops the parameter, so a refetch of the list does not open it again.
 */
function useLinkedInvoice(items: Invoice[]) {
  const [params, setParams] = useSearchParams();
  const [shown, setShown] = useState<Invoice | null>(null);
  const asked = params.get("invoice");
  useEffect(() => {
    const linked = asked ? items.find((i) => i.id === asked) : undefined;
    if (linked) setShown((current) => current ?? linked);
  }, [asked, items]);
  const close = () => {
    setShown(null);
    if (asked)
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          next.delete("invoice");
          return next;
        },
        { replace: true },
      );
  };
  return { shown, setShown, close };
}

export function InvoiceTable({ items }: { items: Invoice[] }) {
  const t = useT();
  const { shown, setShown, close } = useLinkedInvoice(items);
  const [editing, setEditing] = useState<Invoice | null>(null);
  const [cancelling, setCancelling] = useState<Invoice | null>(null);
  const cancelWord = t(cancelling?.status === "draft" ? "billing.discardDraft" : "billing.cancel");
  const act = useInvoiceAction();
  if (items.length === 0) {
    return (
      <Text c="dimmed" ta="center" py="lg">
        {t("billing.none")}
      </Text>
    );
  }
  const heads = [
    "billing.folio",
    "billing.client",
    "billing.origin",
    "billing.status",
    "billing.total",
    "billing.dueOn",
  ] as const;
  return (
    <>
      <WideTable minWidth={860}>
        <Table striped data-testid="invoices">
          <Table.Thead>
            <Table.Tr>
              {heads.map((k) => (
                <Table.Th key={k}>{t(k)}</Table.Th>
              ))}
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((inv) => (
              <Table.Tr key={inv.id} data-folio={inv.folio}>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    className="mesa-folio"
                    onClick={() => setShown(inv)}
                  >
                    {inv.folio}
                  </Anchor>
                </Table.Td>
                <Table.Td>{inv.clientName}</Table.Td>
                <Table.Td>{inv.period ?? inv.ticketFolio ?? "—"}</Table.Td>
                <Table.Td>
                  <StatusBadge status={inv.status} />{" "}
                  {inv.lines.some((l) => l.warning) && (
                    <Badge color="orange" variant="light" data-testid="invoice-warning">
                      {t("billing.lineWarning.no_rate")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{formatMoney(inv.totalCents)}</Table.Td>
                <Table.Td>{formatDate(inv.dueOn)}</Table.Td>
                <Table.Td>
                  <Actions invoice={inv} onEdit={() => setEditing(inv)} onCancel={() => setCancelling(inv)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
      <InvoiceDetail invoice={shown} onClose={close} />
      <DraftEditor invoice={editing} onClose={() => setEditing(null)} />
      <ReasonDialog
        opened={cancelling !== null}
        title={`${cancelWord} ${cancelling?.folio ?? ""}`}
        label={t("billing.cancelReason")}
        confirm={cancelWord}
        color="red"
        required
        busy={act.isPending}
        error={act.isError ? errorMessage(t, act.error) : null}
        onClose={() => setCancelling(null)}
        onConfirm={(reason) =>
          cancelling &&
          act.mutate(
            { id: cancelling.id, action: "cancel", body: { reason } },
            { onSuccess: () => setCancelling(null) },
          )
        }
      />
    </>
  );
}
