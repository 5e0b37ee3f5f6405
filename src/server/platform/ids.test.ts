import { describe, expect, it } from "vitest";
import { newId } from "./ids.js";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const msOf = (id: string) => Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16);

describe("record ids", () => {
  it("are UUIDs version 7 that carry the millisecond they were made", () => {
    const id = newId(Date.UTC(2026, 11, 7, 0, 30));
    expect(id).toMatch(UUID_V7);
    expect(msOf(id)).toBe(Date.UTC(2026, 11, 7, 0, 30));
  });

  it("sort as text in the order they were made, thousands in one millisecond included", () => {
    const at = Date.UTC(2027, 0, 1);
    const ids = [...Array.from({ length: 5000 }, () => newId(at)), newId(at + 1), newId(at + 2)];
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it("keep their order when the clock steps back", () => {
    const a = newId(Date.UTC(2027, 5, 1, 12));
    const b = newId(Date.UTC(2027, 5, 1, 11));
    expect(b > a).toBe(true);
  });
});
