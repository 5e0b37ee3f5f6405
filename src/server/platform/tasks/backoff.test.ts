import { describe, expect, it } from "vitest";
import { BACKOFF_CAP_MS, backoffMs } from "./backoff.js";

describe("task retry backoff", () => {
  it("doubles from 30 s per failed try and stops growing at one hour", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => backoffMs(n, mid))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(8, mid)).toBe(BACKOFF_CAP_MS);
    expect(backoffMs(500, mid)).toBe(BACKOFF_CAP_MS);
  });

  it("spreads retries by ±20 % so a burst of failures does not retry in lock-step", () => {
    expect(backoffMs(1, () => 0)).toBe(24_000);
    expect(backoffMs(1, () => 0.999999)).toBeLessThanOrEqual(36_000);
    expect(backoffMs(1, () => 0.999999)).toBeGreaterThan(35_900);
  });
});
