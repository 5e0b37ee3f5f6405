import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { serverNodeFlags } from "../../bench/server-flags.js";

// The served app's young generation is sized for its pages (bench/server-flags.ts says why and what it
// measured); the flag lives only on `npm start`'s command line, where V8 reads it.
describe("the server's Node flags", () => {
  it("npm start gives the server a 64 MB semi-space", () => {
    expect(serverNodeFlags()).toContain("--max-semi-space-size=64");
  });

  it("this Node accepts them and sizes its young generation by them", () => {
    const newSpaceMax = (flags: string[]) =>
      Number(
        execFileSync(
          process.execPath,
          [
            ...flags,
            "-e",
            // Allocate until the young generation has grown as far as it may, then read its size.
            "let k=[];for(let i=0;i<3e6;i++){k.push({i});if(k.length>2e5)k=[]}" +
              "const s=require('v8').getHeapSpaceStatistics().find(x=>x.space_name==='new_space');" +
              "process.stdout.write(String(s.space_size))",
          ],
          // Without NODE_OPTIONS, which could carry the flag into the run «without flags».
          { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } },
        ),
      );
    expect(newSpaceMax(serverNodeFlags())).toBeGreaterThan(newSpaceMax([]));
  });
});
