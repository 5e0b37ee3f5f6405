import { IdParams, UpdatedCount } from "../../../contract/common.js";
import { RecomputeBody } from "../../../contract/settings.js";
import { CandidateList } from "../../../contract/tickets.js";
import { type AppContext, forRequest } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import { localeOf, withText } from "../../platform/i18n/index.js";
import { assignmentCandidates } from "./assignment.js";
import { recomputeDeadlines } from "./sla.js";
/** Reception's help around a ticket: technicians ranked for it, and recomputing open deadlines. */
export const ticketDeskRoutes = featureRoutes({ "/tickets/:id": candidatesGroup, "/sla": slaGroup });

function candidatesGroup(r: Routes, ctx: AppContext): void {
  r.get("/candidates", {
    schema: {
      tags: ["tickets"],
      params: IdParams,
      response: { 200: CandidateList },
    },
    handler: async (req) => {
      const items = await assignmentCandidates(forRequest(ctx, req), actorOf(req), req.params.id);
      const locale = localeOf(req);
      return { items: items.map((c) => ({ ...c, reasons: c.reasons.map((r) => withText(locale, r)) })) };
    },
  });
}

function slaGroup(r: Routes, ctx: AppContext): void {
  r.post("/recompute", {
    schema: { tags: ["sla"], body: RecomputeBody, response: { 200: UpdatedCount } },
    handler: async (req) => ({
      updated: await recomputeDeadlines(forRequest(ctx, req), actorOf(req), req.body.statuses),
    }),
  });
}
