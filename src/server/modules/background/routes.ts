import { JobList, Task, TaskList, TaskParams, TasksQuery } from "../../../contract/tasks.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import * as background from "./background.js";

/** Admin only (`/api/admin`): the background task queue and the periodic jobs. */
export const backgroundRoutes = featureRoutes({ "/admin": adminGroup });

function adminGroup(r: Routes, ctx: AppContext): void {
  r.get("/tasks", {
    schema: { tags: ["admin"], querystring: TasksQuery, response: { 200: TaskList } },
    handler: async (req) => background.listTasks(ctx, actorOf(req), req.query),
  });
  r.post("/tasks/:id/retry", {
    schema: { tags: ["admin"], params: TaskParams, response: { 200: Task } },
    handler: async (req) => background.retryTask(ctx, actorOf(req), req.params.id),
  });
  r.get("/jobs", {
    schema: { tags: ["admin"], response: { 200: JobList } },
    handler: async (req) => ({ items: await background.listJobs(ctx, actorOf(req)) }),
  });
}
