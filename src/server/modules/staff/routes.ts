import { IdParams } from "../../../contract/common.js";
import {
  CompanyLogoBody,
  CompanySettings,
  CompanySettingsBody,
  MyTimer,
  PortalUser,
  PortalUserList,
  StoppedTimer,
  Timer,
} from "../../../contract/staff.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import { withBaseVersion } from "../../platform/http/versioning.js";
import * as company from "../clients/company.js";
import * as timers from "../tickets/timers.js";
import * as portal from "../users/portal-users.js";

/** Work timers kept on the server (one per user, every device sees it). */
function myTimerGroup(r: Routes, ctx: AppContext): void {
  r.get("/timer", {
    schema: { tags: ["timers"], response: { 200: MyTimer } },
    handler: async (req) => timers.myTimer(ctx, actorOf(req)),
  });
}

function ticketTimerGroup(r: Routes, ctx: AppContext): void {
  r.post("/timer", {
    schema: { tags: ["timers"], params: IdParams, response: { 200: Timer, 201: Timer } },
    handler: async (req, reply) => {
      const { created, timer } = await timers.startTimer(ctx, actorOf(req), req.params.id);
      return reply.status(created ? 201 : 200).send(timer);
    },
  });
  r.delete("/timer", {
    schema: { tags: ["timers"], params: IdParams, response: { 200: StoppedTimer } },
    handler: async (req) => timers.stopTimer(ctx, actorOf(req), req.params.id),
  });
}

/** The firm's own data (GET any staff, PUT admin) and its logo for documents. */
function companyGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: { tags: ["settings"], response: { 200: CompanySettings } },
    handler: async (req) => company.getCompany(ctx, actorOf(req)),
  });
  r.put("", {
    schema: { tags: ["settings"], body: CompanySettingsBody, response: { 200: CompanySettings } },
    handler: async (req) => company.saveCompany(ctx, actorOf(req), withBaseVersion(req, req.body)),
  });
  r.put("/logo", {
    schema: { tags: ["settings"], body: CompanyLogoBody, response: { 200: CompanySettings } },
    handler: async (req) => company.saveLogo(ctx, actorOf(req), req.body),
  });
  r.delete("/logo", {
    schema: { tags: ["settings"], response: { 200: CompanySettings } },
    handler: async (req) => company.deleteLogo(ctx, actorOf(req)),
  });
  r.get("/logo", {
    schema: { tags: ["settings"], produces: ["image/png", "image/jpeg"] },
    handler: async (req, reply) => {
      const logo = await company.readLogo(ctx, actorOf(req));
      return reply
        .type(logo.contentType)
        .header("cache-control", "private, no-cache")
        .header("last-modified", new Date(logo.updatedAt).toUTCString())
        .send(logo.data);
    },
  });
}

/** Portal accounts of a client's contacts, invited by staff. */
function clientPortalUsersGroup(r: Routes, ctx: AppContext): void {
  r.get("/portal-users", {
    schema: {
      tags: ["clients"],
      params: IdParams,
      response: { 200: PortalUserList },
    },
    handler: async (req) => ({ items: await portal.listPortalUsers(ctx, actorOf(req), req.params.id) }),
  });
}

function contactInviteGroup(r: Routes, ctx: AppContext): void {
  r.post("/portal-invite", {
    schema: { tags: ["clients"], params: IdParams, response: { 200: PortalUser } },
    handler: async (req) => portal.invitePortalUser(ctx, actorOf(req), req.params.id),
  });
}

export const staffRoutes = featureRoutes({
  "/me": myTimerGroup,
  "/tickets/:id": ticketTimerGroup,
  "/settings/company": companyGroup,
  "/clients/:id": clientPortalUsersGroup,
  "/contacts/:id": contactInviteGroup,
});
