import { IdParams } from "../../../contract/common.js";
import { MyTimer, StoppedTimer, Timer } from "../../../contract/staff.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import * as timers from "./timers.js";

/** The caller's running work timer, and starting or stopping one on a ticket. */
export const timerRoutes = featureRoutes({ "/me": myTimerGroup, "/tickets/:id": ticketTimerGroup });

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
