import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

describe("the links' base (MESA_PUBLIC_URL)", () => {
  it.each([
    [{}, "http://localhost:3000"],
    // A local install on another port gets links that open on that port.
    [{ PORT: "3311" }, "http://localhost:3311"],
    [{ PORT: "8080", HOST: "0.0.0.0" }, "http://localhost:8080"],
    [{ PORT: "8080", HOST: "mesa.lan" }, "http://mesa.lan:8080"],
    [{ PORT: "8080", HOST: "fd00::5" }, "http://[fd00::5]:8080"],
    // Set, it wins (a proxy in front), without its trailing slash.
    [{ PORT: "3311", MESA_PUBLIC_URL: "https://mesa.encor.mx/" }, "https://mesa.encor.mx"],
  ])("%j → %s", (env, url) => {
    expect(loadConfig(env as NodeJS.ProcessEnv).publicUrl).toBe(url);
  });
});
