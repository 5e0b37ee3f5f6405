import { CompanyLogoBody, CompanySettings, CompanySettingsBody } from "../../../contract/staff.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import { withBaseVersion } from "../../platform/http/versioning.js";
import * as company from "./company.js";

/** The firm's own data and logo, printed on invoices and service orders. */
export const companyRoutes = featureRoutes({ "/settings/company": companyGroup });

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
