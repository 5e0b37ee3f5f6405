import type { useT } from "../i18n";
import { formatDateTime, formatMinutes, formatMoney } from "../lib/format";

type Translate = ReturnType<typeof useT>;
type Facts = Record<string, unknown>;

const facts = (changes: Record<string, unknown> | null, key: "before" | "after"): Facts | null => {
  const v = changes?.[key];
  return v && typeof v === "object" ? (v as Facts) : null;
};

function timeFacts(t: Translate, f: Facts): string {
  const mode = typeof f.mode === "string" ? t(`mode.${f.mode}` as "mode.onsite") : "";
  return [formatMinutes(Number(f.minutes)), mode].filter(Boolean).join(", ");
}

/** «2 × $150.00 MXN = $300.00 MXN»; lines written before quantities were kept say the amount alone. */
function chargeAmount(f: Facts): string {
  const amount = formatMoney(Number(f.amountCents));
  if (typeof f.quantity !== "number" || typeof f.unitPriceCents !== "number") return amount;
  return `${f.quantity} × ${formatMoney(f.unitPriceCents)} = ${amount}`;
}

const chargeFacts = (f: Facts) => `${chargeAmount(f)} · ${String(f.description ?? "")}`;

/**
 * How much work a history line added, or what a correction of it changed (from the line's `before`
 * and `after`: «30 min, Remota → 45 min, Presencial»), which file was attached, or why a ticket was
 * filed per event («La póliza SH no cubre Impresoras.»), or when a back-dated call came in. Null for
 * every other kind of line.
 */
export function correctionDetail(
  t: Translate,
  action: string,
  changes: Record<string, unknown> | null,
): string | null {
  // Work added: its own line says how much («30 min, Remota», «$250.00 MXN»).
  if (action === "time_entry" && changes && typeof changes.minutes === "number") return timeFacts(t, changes);
  if (action === "charge" && changes && typeof changes.amountCents === "number") return chargeAmount(changes);
  // A file attached: its name, and «Interno» when the client does not see it.
  if (action === "attachment" && typeof changes?.filename === "string")
    return changes.visibility === "internal"
      ? `${changes.filename} · ${t("attachments.internal")}`
      : changes.filename;
  // Filed per event though the client has pólizas in force: none covers the category.
  if (action === "create" && Array.isArray(changes?.uncoveredBy) && changes.uncoveredBy.length)
    return t("intake.notCovered", {
      count: changes.uncoveredBy.length,
      types: changes.uncoveredBy.join(", "),
      category: String(changes.uncoveredCategory ?? ""),
    });
  // A call taken earlier: when it came in, beside when it was written down.
  if (action === "backdated" && typeof changes?.receivedAt === "string")
    return t("history.backdatedAt", {
      received: formatDateTime(changes.receivedAt),
      registered: formatDateTime(typeof changes.registeredAt === "string" ? changes.registeredAt : null),
    });
  if (action === "acceptance_voided" && typeof changes?.signerName === "string")
    return t("history.acceptanceVoidedBy", { name: changes.signerName });
  const before = facts(changes, "before");
  if (!before) return null;
  const after = facts(changes, "after");
  if (action === "time_entry_edited" && after) return `${timeFacts(t, before)} → ${timeFacts(t, after)}`;
  if (action === "time_entry_deleted") return `${timeFacts(t, before)} · ${String(before.activity ?? "")}`;
  if (action === "charge_edited" && after) return `${chargeFacts(before)} → ${chargeFacts(after)}`;
  if (action === "charge_deleted") return chargeFacts(before);
  return null;
}
