import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { WideTable } from "../../components/WideTable";
import { PortalApiError, portalApi } from "../api";
import { duration, money, when } from "../format";
import { usePortalI18n } from "../i18n";
import type { PortalKey } from "../i18n-es";
import { ticketKey } from "../session";
import type { PortalServiceOrder } from "../types";

type Order = NonNullable<PortalServiceOrder["order"]>;

export const orderKey = (id: string) => ["portal", "ticket", id, "service-order"] as const;

function Work({ order, zone }: { order: Order; zone: string }) {
  const { t, locale } = usePortalI18n();
  const mode = (m: string) => t(`mode.${m}` as PortalKey);
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t("order.activities")}
      </Text>
      {order.activities.length === 0 && <Text c="dimmed">{t("order.none")}</Text>}
      {order.activities.map((a) => (
        <Text key={`${a.at}-${a.activity}`} size="sm" style={{ overflowWrap: "anywhere" }}>
          {when(a.at, zone, locale)} · {mode(a.mode)} · {duration(a.minutes)} — {a.activity}
        </Text>
      ))}
      <Text fw={600} size="sm">
        {t("order.times")}
      </Text>
      {order.minutesByMode.map((m) => (
        <Text key={m.mode} size="sm">
          {mode(m.mode)}: {duration(m.minutes)}
        </Text>
      ))}
      <Text size="sm" data-testid="order-total-time">
        {t("order.totalTime", { time: duration(order.totalMinutes) })}
      </Text>
      <Text fw={600} size="sm">
        {t("order.charges")}
      </Text>
      {order.charges.length === 0 ? (
        <Text c="dimmed">{t("order.none")}</Text>
      ) : (
        <WideTable minWidth={280}>
          <Table>
            <Table.Tbody>
              {order.charges.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: charges have no id in the client-facing shape
                <Table.Tr key={i}>
                  <Table.Td>
                    {c.quantity} × {c.description}
                  </Table.Td>
                  <Table.Td ta="right">{money(c.amountCents, locale)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
      <Text size="sm" fw={600} data-testid="order-charges-total">
        {t("order.chargesTotal", { amount: money(order.chargesTotalCents, locale) })}
      </Text>
    </Stack>
  );
}

function Status({ order, zone }: { order: Order; zone: string }) {
  const { t, locale } = usePortalI18n();
  const d = order.decision;
  if (!d)
    return (
      <Badge color="yellow" variant="light" data-testid="order-status">
        {t("order.pending")}
      </Badge>
    );
  return (
    <Stack gap={2} data-testid="order-status">
      <Badge color={d.decision === "accepted" ? "teal" : "red"} variant="light">
        {t(d.decision === "accepted" ? "order.accepted" : "order.rejected")}
      </Badge>
      <Text size="xs" c="dimmed">
        {t("order.decidedBy", {
          name: d.signerName ?? "—",
          at: when(d.at, zone, locale),
          via: t(`order.via.${d.method}` as PortalKey),
        })}
      </Text>
      {d.reason && <Text size="sm">{t("order.reasonShown", { reason: d.reason })}</Text>}
    </Stack>
  );
}

function Decide({ ticketId }: { ticketId: string }) {
  const { t } = usePortalI18n();
  const queryClient = useQueryClient();
  // One tap on a phone is too easy to give by mistake for a signature: each answer is asked twice.
  const [step, setStep] = useState<"ask" | "accepting" | "rejecting">("ask");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (decision: "accept" | "reject") => {
    setBusy(true);
    setError(null);
    try {
      const body = decision === "reject" ? { decision, reason: reason.trim() } : { decision };
      const fresh = await portalApi<PortalServiceOrder>(
        `/tickets/${ticketId}/service-order/decision`,
        "POST",
        body,
      );
      queryClient.setQueryData(orderKey(ticketId), fresh);
      await queryClient.invalidateQueries({ queryKey: ticketKey(ticketId), exact: true });
    } catch (err) {
      setError(err instanceof PortalApiError && err.message ? err.message : t("error.generic"));
    } finally {
      setBusy(false);
    }
  };
  const reject = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim()) void send("reject");
  };
  return (
    <Stack gap="xs">
      <Text size="sm">{t("order.askDecision")}</Text>
      {error && <Alert color="red">{error}</Alert>}
      {step === "accepting" && (
        <Stack gap="xs" data-testid="confirm-accept">
          <Text size="sm" fw={500}>
            {t("order.acceptQuestion")}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStep("ask")} disabled={busy}>
              {t("order.back")}
            </Button>
            <Button color="teal" loading={busy} onClick={() => void send("accept")}>
              {t("order.confirmAccept")}
            </Button>
          </Group>
        </Stack>
      )}
      {step === "rejecting" && (
        <form onSubmit={reject}>
          <Stack gap="xs">
            <Textarea
              label={t("order.reason")}
              required
              autosize
              minRows={2}
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setStep("ask")} disabled={busy}>
                {t("order.back")}
              </Button>
              <Button type="submit" color="red" loading={busy} disabled={!reason.trim()}>
                {t("order.confirmReject")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {step === "ask" && (
        <Group>
          <Button color="teal" onClick={() => setStep("accepting")}>
            {t("order.accept")}
          </Button>
          <Button variant="light" color="red" onClick={() => setStep("rejecting")}>
            {t("order.reject")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/**
 * The ticket's service order: what was done, times by mode, charges, whether it was accepted, the PDF,
 * and — while it waits for the client — the buttons to accept it or reject it with a reason.
 */
export function ServiceOrderCard({ ticketId, zone }: { ticketId: string; zone: string }) {
  const { t } = usePortalI18n();
  const q = useQuery({
    queryKey: orderKey(ticketId),
    queryFn: () => portalApi<PortalServiceOrder>(`/tickets/${ticketId}/service-order`),
  });
  const order = q.data?.order;
  return (
    <Card withBorder data-testid="service-order-slot">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t("detail.serviceOrder")}
          </Title>
          {order && (
            <Anchor
              href={`/api/portal/tickets/${ticketId}/service-order/pdf`}
              size="sm"
              data-testid="order-pdf"
            >
              {t("order.pdf")}
            </Anchor>
          )}
        </Group>
        {q.isPending && <Loader size="sm" />}
        {q.isError && <Alert color="red">{t("error.generic")}</Alert>}
        {q.data && !order && (
          <Text size="sm" c="dimmed">
            {t("detail.serviceOrder.pending")}
          </Text>
        )}
        {order && <Status order={order} zone={zone} />}
        {order && <Work order={order} zone={zone} />}
        {order && q.data?.canDecide && <Decide ticketId={ticketId} />}
      </Stack>
    </Card>
  );
}
