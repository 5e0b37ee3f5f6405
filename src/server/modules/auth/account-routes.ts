import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { PasswordChangeBody, SessionInfo } from "../../../contract/auth.js";
import { Id } from "../../../contract/common.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import * as account from "./account.js";

/** The caller's own account: password change and open sessions. */
export function accountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post("/api/auth/password", {
    schema: { tags: ["auth"], body: PasswordChangeBody, response: { 204: z.null() } },
    handler: async (req, reply) => {
      const client = { ip: req.ip, userAgent: req.headers["user-agent"] };
      await account.changePassword(ctx, actorOf(req), req.body, client);
      return reply.status(204).send(null);
    },
  });
  r.get("/api/auth/sessions", {
    schema: { tags: ["auth"], response: { 200: z.object({ items: z.array(SessionInfo) }) } },
    handler: async (req) => ({ items: await account.listSessions(ctx, actorOf(req)) }),
  });
  r.delete("/api/auth/sessions/:id", {
    schema: { tags: ["auth"], params: z.object({ id: Id }), response: { 204: z.null() } },
    handler: async (req, reply) => {
      await account.endSession(ctx, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
