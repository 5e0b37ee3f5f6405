/** Reports and the leader's dashboard (issue 15): queries and answers, staff only. */
import { z } from "zod";
import { DateOnly, Id, isRealDate } from "./common.js";
import { Channel, ServiceKind, TicketStatus } from "./tickets.js";

export const REPORT_NAMES = [
  "sla",
  "response",
  "resolution",
  "workload",
  "hour-bank",
  "satisfaction",
  "unbilled",
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** The filters every report takes; anything else in the query string is refused naming it. */
export const FILTER_KEYS = [
  "from",
  "to",
  "clientId",
  "kind",
  "urgent",
  "category",
  "technicianId",
  "channel",
] as const;
const EXTRA_KEYS: Record<ReportName, readonly string[]> = {
  sla: ["bucket"],
  response: [],
  resolution: [],
  workload: ["by"],
  "hour-bank": [],
  satisfaction: [],
  unbilled: [],
};

/** Five years of days (as src/domain/reports/range.ts): a longer range is a typing mistake. */
const MAX_RANGE_DAYS = 5 * 366;
const dayNumber = (d: string) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;

const filterFields = {
  from: DateOnly,
  to: DateOnly,
  clientId: Id.optional(),
  kind: ServiceKind.optional(),
  urgent: z.enum(["true", "false"]).optional(),
  category: z.string().min(1).max(64).optional(),
  technicianId: Id.optional(),
  channel: Channel.optional(),
};

function reportQuery<S extends z.ZodRawShape>(name: ReportName, extra: S) {
  const known = new Set<string>([...FILTER_KEYS, ...EXTRA_KEYS[name]]);
  return z.looseObject({ ...filterFields, ...extra }).superRefine((q, ctx) => {
    for (const key of Object.keys(q)) {
      if (!known.has(key))
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "input.unknown_filter",
          params: { filter: key },
        });
    }
    const { from, to } = q as { from?: unknown; to?: unknown };
    if (typeof from !== "string" || typeof to !== "string" || !isRealDate(from) || !isRealDate(to)) return;
    if (to < from) ctx.addIssue({ code: "custom", path: ["to"], message: "input.range_reversed" });
    else if (dayNumber(to) - dayNumber(from) >= MAX_RANGE_DAYS)
      ctx.addIssue({ code: "custom", path: ["to"], message: "input.range_too_long", params: { years: 5 } });
  });
}

export const BucketSize = z.enum(["week", "month"]);
export const WorkloadBy = z.enum(["technician", "category", "client", "mode"]);

export const ReportQueries = {
  sla: reportQuery("sla", { bucket: BucketSize.optional() }),
  response: reportQuery("response", {}),
  resolution: reportQuery("resolution", {}),
  workload: reportQuery("workload", { by: WorkloadBy.optional() }),
  "hour-bank": reportQuery("hour-bank", {}),
  satisfaction: reportQuery("satisfaction", {}),
  unbilled: reportQuery("unbilled", {}),
} satisfies Record<ReportName, z.ZodType>;

/** What a report's use case receives once the query string is checked. */
export interface ReportFilters {
  from: string;
  to: string;
  clientId?: string;
  kind?: ServiceKind;
  urgent?: "true" | "false";
  category?: string;
  technicianId?: string;
  channel?: Channel;
}

const Num = z.number();
const NumOrNull = z.number().nullable();

export const SlaRow = z.object({
  serviceKind: ServiceKind,
  urgent: z.boolean(),
  total: Num,
  met: Num,
  breached: Num,
  pending: Num,
});
export const SlaBreach = z.object({
  id: z.string(),
  folio: z.string(),
  title: z.string(),
  clientName: z.string(),
  serviceKind: ServiceKind,
  urgent: z.boolean(),
  receivedAt: z.string(),
  responseDueAt: z.string(),
  respondedAt: z.string().nullable(),
  assigneeName: z.string().nullable(),
  /** Business minutes past the deadline at the response (or now, when still unanswered). */
  lateBusinessMinutes: Num,
});
export const SlaReport = z.object({
  rows: z.array(SlaRow),
  series: z.array(
    z.object({ period: z.string(), total: Num, met: Num, breached: Num, pending: Num, metPct: NumOrNull }),
  ),
  breaches: z.array(SlaBreach),
});
export type SlaReport = z.infer<typeof SlaReport>;

const Dist = z.object({ count: Num, median: NumOrNull, p90: NumOrNull });
export const ResponseReport = z.object({
  rows: z.array(
    z.object({
      serviceKind: ServiceKind.nullable(),
      urgent: z.boolean().nullable(),
      wall: Dist,
      business: Dist,
    }),
  ),
  /** Counts of business response minutes per bin: ≤30, ≤60, ≤120, ≤240, ≤480, more. */
  histogram: z.array(z.object({ upTo: NumOrNull, wall: Num, business: Num })),
});
export type ResponseReport = z.infer<typeof ResponseReport>;

export const ResolutionReport = z.object({
  rows: z.array(
    z.object({
      category: z.string().nullable(),
      categoryName: z.string().nullable(),
      estimateMinutes: NumOrNull,
      tickets: Num,
      attended: Num,
      attendedWithinEstimate: Num,
      attendedMedianMinutes: NumOrNull,
      closed: Num,
      closedWithinEstimate: Num,
      closedMedianMinutes: NumOrNull,
    }),
  ),
});
export type ResolutionReport = z.infer<typeof ResolutionReport>;

export const WorkloadReport = z.object({
  by: WorkloadBy,
  rows: z.array(
    z.object({
      key: z.string().nullable(),
      label: z.string().nullable(),
      tickets: Num,
      rawMinutes: Num,
      billableMinutes: NumOrNull,
    }),
  ),
});
export type WorkloadReport = z.infer<typeof WorkloadReport>;

export const HourBankReport = z.object({
  rows: z.array(
    z.object({
      contractId: z.string(),
      clientName: z.string(),
      contractType: z.string(),
      month: z.string(),
      includedMinutes: NumOrNull,
      usedMinutes: Num,
      overMinutes: Num,
      tickets: Num,
    }),
  ),
});
export type HourBankReport = z.infer<typeof HourBankReport>;

const SatRow = z.object({
  key: z.string().nullable(),
  label: z.string().nullable(),
  closed: Num,
  answered: Num,
  unreachable: Num,
  responseRatePct: NumOrNull,
  overall: NumOrNull,
  technician: NumOrNull,
  timeliness: NumOrNull,
});
export const SatisfactionReport = z.object({
  totals: SatRow,
  byTechnician: z.array(SatRow),
  byClient: z.array(SatRow),
  trend: z.array(z.object({ period: z.string(), closed: Num, answered: Num, overall: NumOrNull })),
});
export type SatisfactionReport = z.infer<typeof SatisfactionReport>;

export const UnbilledReport = z.object({
  tickets: z.array(
    z.object({
      id: z.string(),
      folio: z.string(),
      clientName: z.string(),
      serviceKind: ServiceKind,
      closedAt: z.string().nullable(),
      billableMinutes: NumOrNull,
      chargesCents: Num,
    }),
  ),
  charges: z.array(
    z.object({
      id: z.string(),
      folio: z.string(),
      clientName: z.string(),
      kind: z.string(),
      description: z.string(),
      quantity: Num,
      unitPriceCents: Num,
      amountCents: Num,
      createdAt: z.string(),
    }),
  ),
  totals: z.object({ tickets: Num, billableMinutes: Num, charges: Num, chargesCents: Num }),
});
export type UnbilledReport = z.infer<typeof UnbilledReport>;

const DashTicket = z.object({
  id: z.string(),
  folio: z.string(),
  title: z.string(),
  clientName: z.string(),
  urgent: z.boolean(),
  status: TicketStatus,
  responseDueAt: z.string(),
  assigneeName: z.string().nullable(),
});
export const Dashboard = z.object({
  now: z.string(),
  byStatus: z.array(z.object({ status: TicketStatus, count: Num })),
  unassigned: Num,
  breached: z.object({ count: Num, items: z.array(DashTicket) }),
  nearBreach: z.object({ count: Num, items: z.array(DashTicket) }),
  todayByChannel: z.array(z.object({ channel: Channel, count: Num })),
  technicians: z.array(
    z.object({ id: z.string(), name: z.string(), openTickets: Num, minutesThisWeek: Num }),
  ),
});
export type Dashboard = z.infer<typeof Dashboard>;
