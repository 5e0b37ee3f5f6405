import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { serverNodeFlags } from "../../bench/server-flags.js";

// The served app's young generation is sized for its pages (bench/server-flags.ts says why and what it
// measured); the flag lives only on `npm start`'s command line, where V8 reads it.
describe("the server's Node flags", () => {
  it("npm start gives the server a 64 MB semi-space", () => {
    expect(serverNodeFlags()).toContain("--max-semi-space-size=64");
  });

  // V8 counts the young generation (three semi-spaces' worth) in heap_size_limit, a figure fixed at start:
  // unlike the space's grown size, it does not depend on how the allocation went. Node 20 starts at 16 MB
  // semi-spaces; Node 24 already starts at 64 on a machine with this much memory, where the flag changes
  // nothing and the server is as large either way.
  it("this Node runs the server with a young generation larger than the 16 MB semi-space", () => {
    const heapLimit = (flags: string[]) =>
      Number(
        execFileSync(
          process.execPath,
          [...flags, "-e", "process.stdout.write(String(require('v8').getHeapStatistics().heap_size_limit))"],
          // Without NODE_OPTIONS, which could carry a flag of its own into either run.
          { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } },
        ),
      );
    const withServerFlags = heapLimit(serverNodeFlags());
    expect(withServerFlags).toBeGreaterThan(heapLimit(["--max-semi-space-size=16"]));
    expect(withServerFlags).toBe(heapLimit(["--max-semi-space-size=64"]));
  });
});
