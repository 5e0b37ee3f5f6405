import { describe, expect, it } from "vitest";
import { postgresDropFault, sqliteKillFault } from "../support/faults.js";

// Nothing acknowledged is lost: Mesa as its own process, 20 ticket creates in flight, then a fault.
// The same scenarios print their figures for the README through bench/faults.ts.
describe("faults during a burst of creates", () => {
  it("SQLite: kill -9 mid-burst, restart on the same data dir — every acknowledged ticket is there, folios without gaps", async () => {
    const f = await sqliteKillFault();
    expect(f.unexpected).toEqual([]);
    expect(f.acknowledged).toBeGreaterThan(0);
    expect(f.lost).toBe(0);
    expect(f.stored).toBeGreaterThanOrEqual(f.acknowledged);
    expect(f.foliosGapless).toBe(true);
  }, 60_000);

  it.runIf(process.env.TEST_DATABASE_URL)(
    "PostgreSQL: connections terminated mid-burst — the process lives, answers 2xx or 503 + Retry-After, loses nothing and is ready again within seconds",
    async () => {
      const f = await postgresDropFault();
      expect(f.survived).toBe(true);
      expect(f.unexpected).toEqual([]);
      expect(f.acknowledged + f.retryLater).toBe(f.sent);
      expect(f.lost).toBe(0);
      expect(f.foliosGapless).toBe(true);
      expect(f.recoverySeconds).toBeLessThan(10);
    },
    60_000,
  );
});
