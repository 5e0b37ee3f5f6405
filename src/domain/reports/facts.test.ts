import { describe, expect, it } from "vitest";
import { localDay, localDayOf } from "./facts.js";

/** A stored instant's local day, computed without Luxon's DateTime, is exactly Luxon's in every zone. */
describe("localDayOf", () => {
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const from = Date.UTC(1850, 0, 1);
  const to = Date.UTC(2400, 0, 1);
  const random = Array.from({ length: 40 }, () => from + Math.floor(rand() * (to - from)));
  // Every 15 minutes around midnights and DST changes of a few years.
  const near: number[] = [];
  for (const day of [
    "2026-03-08",
    "2026-04-05",
    "2026-11-01",
    "2022-10-30",
    "2026-12-31",
    "1986-01-01",
    "2026-09-06",
    "2026-10-04",
    "2022-03-27",
  ])
    for (let m = -36 * 60; m <= 36 * 60; m += 15) near.push(Date.parse(`${day}T00:00:00Z`) + m * 60_000);

  it("equals localDay for random instants in every zone", () => {
    for (const zone of Intl.supportedValuesOf("timeZone"))
      for (const ms of random) {
        const iso = new Date(ms).toISOString();
        expect(localDayOf(iso, zone), `${zone} ${iso}`).toBe(localDay(iso, zone));
      }
  });

  // Beirut and Santiago change their clocks at midnight, Lord Howe by half an hour: a remembered day
  // must never answer for an instant of another (the walk goes back and forth over each change).
  it.each([
    "America/Mexico_City",
    "America/Tijuana",
    "Asia/Kathmandu",
    "Pacific/Apia",
    "UTC",
    "Asia/Beirut",
    "America/Santiago",
    "America/Asuncion",
    "America/Havana",
    "Australia/Lord_Howe",
  ])("equals localDay around midnights and transitions in %s", (zone) => {
    for (const ms of [...near, ...near.toReversed(), ...near.map((m, i) => m + (i % 7) * 97_000)]) {
      const iso = new Date(ms).toISOString();
      expect(localDayOf(iso, zone), iso).toBe(localDay(iso, zone));
    }
  });

  it("is localDay's answer for other forms and unknown zones", () => {
    const texts = [
      "2026-03-10T02:00:00Z",
      "2026-03-10",
      "2026-03-10T02:00:00.000-06:00",
      "nope",
      "+012026-01-01T00:00:00.000Z",
    ];
    for (const iso of [...texts, "2026-03-10T02:00:00.000Z"])
      for (const zone of ["America/Mexico_City", "Nowhere/Atlantis"])
        expect(localDayOf(iso, zone)).toBe(localDay(iso, zone));
  });
});
