import { describe, expect, it } from "vitest";
import "../../src/server/app.js";
import { JOBS } from "../../src/server/platform/jobs/definitions.js";
import { registeredTaskKinds } from "../../src/server/platform/tasks/registry.js";
import { en } from "../../web/src/i18n/en.js";
import { esMX } from "../../web/src/i18n/es-MX.js";

// The admin's «Tareas en segundo plano» page names each periodic job and each queued task's kind; a
// new one without words showed its raw key («monthly-billing», «mail.send») to the administrator.
describe("background work has words in both languages", () => {
  it("knows the tasks the app defines", () => {
    expect(registeredTaskKinds()).toEqual(expect.arrayContaining(["mail.send", "mail.inbound"]));
  });

  it.each([
    ["es-MX", esMX],
    ["en", en],
  ] as const)("%s names every periodic job and task kind", (_locale, catalogue) => {
    const keys = [
      ...JOBS.map((j) => `tasks.job.${j.name}`),
      ...registeredTaskKinds().map((k) => `tasks.kind.${k}`),
    ];
    expect(keys.filter((k) => !(k in catalogue))).toEqual([]);
  });
});
