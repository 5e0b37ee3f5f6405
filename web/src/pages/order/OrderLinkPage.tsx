// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ScrollArea.layer.css";
import "@mantine/core/styles/Group.layer.css";
import "@mantine/core/styles/Divider.layer.css";
import "@mantine/core/styles/List.layer.css";
import "@mantine/core/styles/Table.layer.css";
import {
  Alert,
  Anchor,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { ApiError } from "../../api/client";
import {
  orderPdfByLinkUrl,
  type ServiceOrder,
  useDecideByLink,
  useOrderByLink,
} from "../../api/serviceOrders";
import { I18nProvider, useT } from "../../i18n";
import { formatDateTime } from "../../lib/format";
import { OrderSummary } from "./OrderSummary";

const LINK_ERRORS = ["link_invalid", "link_expired", "link_used"] as const;
type LinkError = (typeof LINK_ERRORS)[number];

/** A refused link says why in plain Spanish; nothing was changed. */
function LinkRefused({ error }: { error: unknown }) {
  const t = useT();
  const code = error instanceof ApiError ? error.code : "";
  const known = (LINK_ERRORS as readonly string[]).includes(code) ? (code as LinkError) : "link_invalid";
  if (error instanceof ApiError && error.status === 0) {
    return <Alert color="red">{t("errcode.network_error")}</Alert>;
  }
  return (
    <Alert color="orange" title={t(`order.${known}.title`)} data-testid="order-refused">
      {t(`order.${known}`)}
    </Alert>
  );
}

function DecisionForm({ token, order }: { token: string; order: ServiceOrder }) {
  const t = useT();
  const decide = useDecideByLink(token);
  const [name, setName] = useState("");
  const [reason, setReason] = useState("");
  const [rejecting, setRejecting] = useState(false);
  const [missing, setMissing] = useState<"name" | "reason" | null>(null);

  if (decide.isSuccess) {
    const accepted = decide.data.decision?.decision === "accepted";
    return (
      <Alert color={accepted ? "teal" : "orange"} data-testid="order-done">
        {t(accepted ? "order.accepted" : "order.rejected", { folio: order.folio })}
      </Alert>
    );
  }
  const submit = (decision: "accept" | "reject") => (event?: FormEvent) => {
    event?.preventDefault();
    if (!name.trim()) return setMissing("name");
    if (decision === "reject" && !reason.trim()) return setMissing("reason");
    decide.mutate({
      decision,
      name: name.trim(),
      ...(decision === "reject" ? { reason: reason.trim() } : {}),
    });
  };
  if (decide.isError && decide.error instanceof ApiError && decide.error.code.startsWith("link_")) {
    return <LinkRefused error={decide.error} />;
  }
  return (
    <form onSubmit={submit(rejecting ? "reject" : "accept")} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t("order.name")}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setMissing(null);
          }}
          error={missing === "name" ? t("order.nameRequired") : undefined}
          autoComplete="name"
          data-testid="order-name"
        />
        {rejecting && (
          <Textarea
            label={t("order.reason")}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setMissing(null);
            }}
            error={missing === "reason" ? t("order.reasonRequired") : undefined}
            autosize
            minRows={2}
            data-testid="order-reason"
          />
        )}
        {decide.isError && <Alert color="red">{(decide.error as Error).message}</Alert>}
        <Group>
          {rejecting ? (
            <Button type="submit" color="red" loading={decide.isPending} data-testid="order-send-reject">
              {t("order.confirmReject")}
            </Button>
          ) : (
            <>
              <Button type="submit" loading={decide.isPending} data-testid="order-accept">
                {t("order.accept")}
              </Button>
              <Button
                variant="outline"
                color="red"
                onClick={() => setRejecting(true)}
                data-testid="order-reject"
              >
                {t("order.reject")}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function OrderByLink({ token }: { token: string }) {
  const t = useT();
  const query = useOrderByLink(token);
  if (query.isPending) return <Loader aria-label="Cargando" />;
  if (query.isError) return <LinkRefused error={query.error} />;
  const { order, expiresAt } = query.data;
  return (
    <Stack gap="md">
      <OrderSummary order={order} />
      <Anchor href={orderPdfByLinkUrl(token)} size="sm">
        {t("order.pdf")}
      </Anchor>
      <Alert color="gray" variant="light">
        {t("order.expires", { at: formatDateTime(expiresAt) })}
      </Alert>
      <DecisionForm token={token} order={order} />
    </Stack>
  );
}

/** `/orden?token=…`: the client's service order from the mailed link, to accept or reject; no sign-in. */
export default function OrderLinkPage() {
  const token = new URLSearchParams(window.location.search).get("token") ?? "";
  return (
    <I18nProvider locale="es-MX">
      <Center p="md">
        <Paper withBorder shadow="sm" p="lg" w="100%" maw={720}>
          {token ? (
            <OrderByLink token={token} />
          ) : (
            <LinkRefused error={new ApiError(400, "link_invalid", "")} />
          )}
        </Paper>
      </Center>
    </I18nProvider>
  );
}
