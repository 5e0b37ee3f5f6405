/** Admin "Tareas en segundo plano": the periodic jobs, the task queue by status, and retrying a dead task. */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { JOBS } from "../src/server/platform/jobs/definitions";
import { runDueJobs } from "../src/server/platform/jobs/runner";
import { enqueue } from "../src/server/platform/tasks/queue";
import { defineTask } from "../src/server/platform/tasks/registry";
import { tasksRepo } from "../src/server/platform/tasks/repository";
import { runDueTasks } from "../src/server/platform/tasks/worker";
import {
  ADMIN,
  browserMissing,
  launchBrowser,
  type Server,
  shot,
  startServer,
  uiLogin,
  withPage,
} from "./helpers";

declare module "../src/server/platform/tasks/registry" {
  interface TaskPayloads {
    "e2e.notify": { to: string };
  }
}

let smtpUp = false;
defineTask({
  kind: "e2e.notify",
  payload: z.object({ to: z.string() }),
  maxAttempts: 1,
  handler: async () => {
    if (!smtpUp) throw new Error("SMTP rechazó la conexión");
  },
});

describe.skipIf(browserMissing)("background tasks page", { timeout: 180_000 }, () => {
  let browser: Browser;
  let server: Server;
  let deadId: string;

  beforeAll(async () => {
    server = await startServer();
    const ctx = server.app.ctx;
    await runDueJobs(ctx, JOBS);
    deadId = (await enqueue(ctx.db, { kind: "e2e.notify", payload: { to: "ana@cliente.mx" } })).id;
    await enqueue(ctx.db, {
      kind: "e2e.notify",
      payload: { to: "luis@cliente.mx" },
      runAt: new Date(Date.now() + 3600_000),
    });
    await runDueTasks(ctx);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("an admin sees the jobs and a dead task, retries it, and it runs", async () => {
    await withPage(browser, "background-tasks", async (page) => {
      await uiLogin(page, server.baseUrl, ADMIN.email, ADMIN.password, "/admin/users");
      await page.getByRole("link", { name: "Tareas en segundo plano" }).click();
      await page.getByRole("heading", { name: "Tareas en segundo plano" }).waitFor();
      const jobs = page.getByTestId("jobs");
      await jobs.getByText("Escalamiento de vencimientos").waitFor();
      await jobs.getByText("Mantenimiento (sesiones, búsqueda)").waitFor();
      await jobs.getByText("Copia de seguridad nocturna").waitFor();
      await jobs.getByText("Facturación mensual de pólizas").waitFor();
      // The backup checks every 5 min whether its hour has come; it says it copies once a day.
      const backup = jobs.locator('[data-testid="job-row"][data-name="nightly-backup"]');
      await backup.getByText("una copia al día, a la hora configurada").waitFor();
      await page.getByRole("columnheader", { name: "Revisa cada" }).waitFor();
      expect(await jobs.getByText("Al corriente").count()).toBe(JOBS.length);

      await page.getByTestId("task-row").first().waitFor();
      expect(await page.getByTestId("task-row").count()).toBe(2);
      await page.getByText("Muerta (1)").click();
      await expect.poll(() => page.getByTestId("task-row").count()).toBe(1);
      const dead = page.locator(`[data-testid="task-row"][data-id="${deadId}"]`);
      await dead.getByText("SMTP rechazó la conexión").waitFor();
      expect(page.url()).toContain("status=dead");
      await shot(page, "17-admin-background-tasks");

      await dead.getByRole("button", { name: "Reintentar" }).click();
      await page.getByText("La tarea volvió a la cola.").waitFor();
      await page.getByText("No hay tareas con este filtro.").waitFor();
      expect(await tasksRepo.get(server.app.ctx.db, deadId)).toMatchObject({
        status: "pending",
        attempts: 0,
      });

      await page.getByText("Pendiente (2)").click();
      await page.locator(`[data-testid="task-row"][data-id="${deadId}"][data-status="pending"]`).waitFor();
      smtpUp = true;
      expect((await runDueTasks(server.app.ctx)).done).toBe(1);
      await page.getByText(/^Hecha \(/).click();
      await page.locator(`[data-testid="task-row"][data-id="${deadId}"][data-status="done"]`).waitFor();
    });
  });
});
