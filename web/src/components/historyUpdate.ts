import type { useT } from "../i18n";
import { formatDateTime, formatMinutes } from "../lib/format";

type Translate = ReturnType<typeof useT>;

/** A «Datos modificados» line's change of one column, as the server's diff writes it. */
type Change = { from?: unknown; to?: unknown };

const isChange = (v: unknown): v is Change => !!v && typeof v === "object" && ("from" in v || "to" in v);

/**
 * The columns a person reads in a «Datos modificados» line, in this order, each with its label and how
 * its values read. Ids (contact, contract) and derived columns (estimated_solution_at) are left out:
 * their meaning is in the columns beside them.
 */
function fields(t: Translate, categoryName: (code: string) => string) {
  const none = "—";
  const text = (v: unknown) => (v === null || v === undefined || v === "" ? none : String(v));
  return [
    ["title", t("ticket.title"), text],
    [
      "urgent",
      t("ticket.urgent"),
      (v: unknown) => (v === 1 || v === true ? t("common.yes") : t("common.no")),
    ],
    ["category", t("ticket.category"), (v: unknown) => (typeof v === "string" ? categoryName(v) : none)],
    [
      "service_kind",
      t("ticket.kind"),
      (v: unknown) => (typeof v === "string" ? t(`kind.${v}` as "kind.event") : none),
    ],
    [
      "response_due_at",
      t("ticket.responseDue"),
      (v: unknown) => (typeof v === "string" ? formatDateTime(v) : none),
    ],
    [
      "estimated_solution_minutes",
      t("ticket.estimatedSolution"),
      (v: unknown) => (typeof v === "number" ? formatMinutes(v) : none),
    ],
    [
      "billable_minutes",
      t("history.billableMinutes"),
      (v: unknown) => (typeof v === "number" ? formatMinutes(v) : none),
    ],
    [
      "billing_status",
      t("ticket.billingStatus"),
      (v: unknown) => (typeof v === "string" ? t(`billing.${v}` as "billing.pending") : none),
    ],
  ] as const;
}

/**
 * What an edit of a ticket changed, «Categoría: Impresoras → Hosting · Tipo de servicio: Evento → Póliza»;
 * null when none of the columns a person reads changed (a description, a contact: said by the action).
 */
export function updateDetail(
  t: Translate,
  changes: Record<string, unknown> | null,
  categoryName: (code: string) => string = (code) => code,
): string | null {
  if (!changes) return null;
  const parts = fields(t, categoryName).flatMap(([key, label, read]) => {
    const c = changes[key];
    return isChange(c) ? [`${label}: ${read(c.from)} → ${read(c.to)}`] : [];
  });
  // A kind named as it was, with a reason: it stays through later changes of category.
  const kept = changes.kindKeptByHand;
  if (typeof kept === "string" && !isChange(changes.service_kind))
    parts.push(t("history.kindKept", { kind: t(`kind.${kept}` as "kind.event") }));
  return parts.length ? parts.join(" · ") : null;
}
