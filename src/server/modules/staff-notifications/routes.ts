import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { NotificationPrefs, NotificationPrefsBody } from "../../../contract/service-orders.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { getMyPrefs, saveMyPrefs } from "./prefs.js";

/** The signed-in staff user's own notification preferences (which kinds also come by e-mail). */
export async function staffNotificationRoutes(app: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/", {
    schema: { tags: ["auth"], response: { 200: NotificationPrefs } },
    handler: async (req) => getMyPrefs(ctx, actorOf(req)),
  });
  r.put("/", {
    schema: { tags: ["auth"], body: NotificationPrefsBody, response: { 200: NotificationPrefs } },
    handler: async (req) => saveMyPrefs(ctx, actorOf(req), req.body.email),
  });
}
