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
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import { withBaseVersion } from "../../platform/http/versioning.js";
import { requestSummaryRebuild } from "../reports/summary-rebuild.js";
import * as sla from "../tickets/sla.js";
import { assertMayReadSettings } from "./policy.js";
import * as settings from "./settings.js";

/** Calendar and SLA settings, closed days, deadlines, categories and the audit trail. */
export const settingsRoutes = featureRoutes({
  "/settings": settingsGroup,
  "/calendar": calendarGroup,
  "/sla": slaGroup,
  "/categories": categoriesGroup,
  "/audit": auditGroup,
});

function settingsGroup(r: Routes, ctx: AppContext): void {
  r.get("/calendar", {
    schema: { tags: ["settings"], response: { 200: CalendarSettingsRecord } },
    handler: async (req) => {
      assertMayReadSettings(actorOf(req));
      return settings.calendarRecord(ctx);
    },
  });
  r.put("/calendar", {
    schema: { tags: ["settings"], body: CalendarSettingsBody, response: { 200: CalendarSettingsRecord } },
    handler: async (req) => {
      const saved = await settings.saveCalendar(ctx, actorOf(req), withBaseVersion(req, req.body));
      // The reports' stored business minutes follow the new calendar (in the background).
      await requestSummaryRebuild(ctx);
      return saved;
    },
  });
  r.get("/sla", {
    schema: { tags: ["settings"], response: { 200: SlaSettingsRecord } },
    handler: async (req) => {
      assertMayReadSettings(actorOf(req));
      return settings.slaRecord(ctx);
    },
  });
  r.put("/sla", {
    schema: { tags: ["settings"], body: SlaSettingsBody, response: { 200: SlaSettingsRecord } },
    handler: async (req) => settings.saveSlaSettings(ctx, actorOf(req), withBaseVersion(req, req.body)),
  });
}

function calendarGroup(r: Routes, ctx: AppContext): void {
  r.get("/closed-days", {
    schema: {
      tags: ["settings"],
      querystring: ClosedDaysQuery,
      response: { 200: ClosedDayList },
    },
    handler: async (req) => ({
      items: await sla.closedDays(ctx, actorOf(req), req.query.year, req.query.month),
    }),
  });
}

function slaGroup(r: Routes, ctx: AppContext): void {
  r.get("/deadline", {
    schema: { tags: ["sla"], querystring: DeadlineQuery, response: { 200: DeadlineResult } },
    handler: async (req) => sla.deadline(ctx, actorOf(req), req.query.from, req.query.minutes),
  });
}

function categoriesGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: { tags: ["settings"], response: { 200: CategoryList } },
    handler: async (req) => ({ items: await settings.listCategories(ctx, actorOf(req)) }),
  });
  r.put("/:code", {
    schema: {
      tags: ["settings"],
      params: CategoryParams,
      body: CategoryBody,
      response: { 200: Category },
    },
    handler: async (req) => settings.saveCategory(ctx, actorOf(req), req.params.code, req.body),
  });
}

function auditGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
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
