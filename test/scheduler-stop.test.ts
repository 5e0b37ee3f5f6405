/** Graceful shutdown: stopping the scheduler waits for the job that is running, and starts no other. */
import { afterEach, describe, expect, it } from "vitest";
import { type JobDefinition, startScheduler } from "../src/server/platform/jobs/runner.js";
import { startApp, type TestApp } from "./harness.js";

let t: TestApp;
afterEach(async () => t?.close());

describe("scheduler stop", () => {
  it("resolves only after the job in progress has finished", async () => {
    t = await startApp("sqlite");
    const events: string[] = [];
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const job: JobDefinition = {
      name: "slow-test-job",
      everyMs: 0,
      leaseMs: 60_000,
      run: async () => {
        events.push("job started");
        started();
        await new Promise((r) => setTimeout(r, 400));
        events.push("job finished");
      },
    };
    const stop = startScheduler(t.app.ctx, [job], { error: () => {} }, 20);
    await running;
    await stop();
    events.push("stopped");
    await new Promise((r) => setTimeout(r, 100));
    expect(events).toEqual(["job started", "job finished", "stopped"]);
  });
});
