import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  AuditQuery,
  AuditTrail,
  CalendarSettingsBody,
  CalendarSettingsRecord,
  Category,
  CategoryBody,
  CategoryList,
  CategoryParams,
  ClosedDayList,
  ClosedDaysQuery,
  DeadlineQuery,
  DeadlineResult,
  SlaSettingsBody,
  SlaSettingsRecord,
} from "../../../contract/settings.js";
import type { AppContext } from "../../context.js";
import { auditTrail } from "../../platform/audit/audit.js";
import { requireStaff } from "../../platform/authz.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { withBaseVersion } from "../../platform/http/versioning.js";
import { requestSummaryRebuild } from "../reports/summary-rebuild.js";
import * as sla from "../tickets/sla.js";
import * as settings from "./settings.js";

export function settingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/api/settings/calendar", {
    schema: { tags: ["settings"], response: { 200: CalendarSettingsRecord } },
    handler: async (req) => {
      requireStaff(actorOf(req));
      return settings.calendarRecord(ctx);
    },
  });
  r.put("/api/settings/calendar", {
    schema: { tags: ["settings"], body: CalendarSettingsBody, response: { 200: CalendarSettingsRecord } },
    handler: async (req) => {
      const saved = await settings.saveCalendar(ctx, actorOf(req), withBaseVersion(req, req.body));
      // The reports' stored business minutes follow the new calendar (in the background).
      await requestSummaryRebuild(ctx);
      return saved;
    },
  });
  r.get("/api/calendar/closed-days", {
    schema: {
      tags: ["settings"],
      querystring: ClosedDaysQuery,
      response: { 200: ClosedDayList },
    },
    handler: async (req) => ({
      items: await sla.closedDays(ctx, actorOf(req), req.query.year, req.query.month),
    }),
  });
  r.get("/api/settings/sla", {
    schema: { tags: ["settings"], response: { 200: SlaSettingsRecord } },
    handler: async (req) => {
      requireStaff(actorOf(req));
      return settings.slaRecord(ctx);
    },
  });
  r.put("/api/settings/sla", {
    schema: { tags: ["settings"], body: SlaSettingsBody, response: { 200: SlaSettingsRecord } },
    handler: async (req) => settings.saveSlaSettings(ctx, actorOf(req), withBaseVersion(req, req.body)),
  });
  r.get("/api/sla/deadline", {
    schema: { tags: ["sla"], querystring: DeadlineQuery, response: { 200: DeadlineResult } },
    handler: async (req) => sla.deadline(ctx, actorOf(req), req.query.from, req.query.minutes),
  });
  r.get("/api/categories", {
    schema: { tags: ["settings"], response: { 200: CategoryList } },
    handler: async (req) => ({ items: await settings.listCategories(ctx, actorOf(req)) }),
  });
  r.put("/api/categories/:code", {
    schema: {
      tags: ["settings"],
      params: CategoryParams,
      body: CategoryBody,
      response: { 200: Category },
    },
    handler: async (req) => settings.saveCategory(ctx, actorOf(req), req.params.code, req.body),
  });
  r.get("/api/audit", {
    schema: {
      tags: ["settings"],
      querystring: AuditQuery,
      response: { 200: AuditTrail },
    },
    handler: async (req) => ({
      items: await auditTrail(ctx, actorOf(req), req.query.entity, req.query.entityId),
    }),
  });
}
