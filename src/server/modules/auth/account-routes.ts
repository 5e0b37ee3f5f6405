import { PasswordChangeBody, SessionList } from "../../../contract/auth.js";
import { IdParams, NoContent } from "../../../contract/common.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import * as account from "./account.js";

/** The caller's own account (`/api/auth`): password change and open sessions. */
export const accountRoutes = featureRoutes({ "/auth": accountGroup });

function accountGroup(r: Routes, ctx: AppContext): void {
  r.post("/password", {
    schema: { tags: ["auth"], body: PasswordChangeBody, response: { 204: NoContent } },
    handler: async (req, reply) => {
      const client = { ip: req.ip, userAgent: req.headers["user-agent"] };
      await account.changePassword(ctx, actorOf(req), req.body, client);
      return reply.status(204).send(null);
    },
  });
  r.get("/sessions", {
    schema: { tags: ["auth"], response: { 200: SessionList } },
    handler: async (req) => ({ items: await account.listSessions(ctx, actorOf(req)) }),
  });
  r.delete("/sessions/:id", {
    schema: { tags: ["auth"], params: IdParams, response: { 204: NoContent } },
    handler: async (req, reply) => {
      await account.endSession(ctx, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
