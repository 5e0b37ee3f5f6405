import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { JobList, Task, TaskList, TaskParams, TasksQuery } from "../../../contract/tasks.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import * as background from "./background.js";

/** Admin only: the background task queue and the periodic jobs. */
export function backgroundRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/api/admin/tasks", {
    schema: { tags: ["admin"], querystring: TasksQuery, response: { 200: TaskList } },
    handler: async (req) => background.listTasks(ctx, actorOf(req), req.query),
  });
  r.post("/api/admin/tasks/:id/retry", {
    schema: { tags: ["admin"], params: TaskParams, response: { 200: Task } },
    handler: async (req) => background.retryTask(ctx, actorOf(req), req.params.id),
  });
  r.get("/api/admin/jobs", {
    schema: { tags: ["admin"], response: { 200: JobList } },
    handler: async (req) => ({ items: await background.listJobs(ctx, actorOf(req)) }),
  });
}
