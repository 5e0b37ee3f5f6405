import { IdParams, UpdatedCount } from "../../../contract/common.js";
import { NotificationList, NotificationQuery } from "../../../contract/notifications.js";
import { type AppContext, forRequest } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import * as notifications from "./notifications.js";
/** The caller's in-app notifications. */
export const notificationRoutes = featureRoutes({ "/notifications": notificationsGroup });

function notificationsGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: { tags: ["notifications"], querystring: NotificationQuery, response: { 200: NotificationList } },
    handler: async (req) =>
      notifications.listNotifications(
        forRequest(ctx, req),
        actorOf(req),
        req.query.unread === "true",
        req.query.limit,
      ),
  });
  r.post("/:id/read", {
    schema: {
      tags: ["notifications"],
      params: IdParams,
      response: { 200: UpdatedCount },
    },
    handler: async (req) => ({
      updated: await notifications.markNotificationsRead(forRequest(ctx, req), actorOf(req), req.params.id),
    }),
  });
  r.post("/read-all", {
    schema: { tags: ["notifications"], response: { 200: UpdatedCount } },
    handler: async (req) => ({
      updated: await notifications.markNotificationsRead(forRequest(ctx, req), actorOf(req)),
    }),
  });
}
