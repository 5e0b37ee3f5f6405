import { Alert } from "@mantine/core";
import { useCreditStatus } from "../../api/credit-warranty";
import { useT } from "../../i18n";
import { formatMoney } from "../../lib/format";

/** Intake and client page: a credit client over its limit with unpaid invoices (nothing otherwise). */
export function CreditFlag({ clientId }: { clientId: string }) {
  const t = useT();
  const status = useCreditStatus(clientId);
  if (!status.data?.overLimit) return null;
  return (
    <Alert color="red" title={t("credit.overLimit.title")} data-testid="credit-over-limit">
      {t("credit.overLimit", {
        unpaid: formatMoney(status.data.unpaidCents),
        limit: formatMoney(status.data.creditLimitCents),
      })}
    </Alert>
  );
}
