import type { Kysely } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Grouping, keyedReads, runGrouped } from "./statement-groups.js";

/** The queue alone, with a fake statement: which groups ran, and what each caller got. */
const db = () => ({}) as Kysely<never>;
const refused = Object.assign(new Error("violates foreign key constraint"), { code: "23503" });

function recording(
  run: (group: number[]) => Promise<number[]>,
  take?: Grouping<never, number, number>["take"],
) {
  const groups: number[][] = [];
  const grouping: Grouping<never, number, number> = {
    take: take ?? ((waiting) => waiting.map((_, i) => i)),
    run: (_db, group) => {
      groups.push([...group]);
      return run(group);
    },
  };
  return { groups, grouping };
}

const settled = (ps: Promise<unknown>[]) =>
  Promise.allSettled(ps).then((rs) => rs.map((r) => (r.status === "fulfilled" ? r.value : "rejected")));

describe("runGrouped", () => {
  afterEach(() => vi.restoreAllMocks());

  it("sends the first at once and those arriving meanwhile together, each answered with its own result", async () => {
    const { groups, grouping } = recording(async (g) => g.map((x) => x * 10));
    const on = db();
    const answers = [1, 2, 3, 4, 5, 6].map((x) => runGrouped(on, grouping, x));
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(groups).toEqual([[1], [2, 3, 4, 5, 6]]);
  });

  it("runs a group the database refused again item by item: only the refused one fails", async () => {
    const { groups, grouping } = recording(async (g) => {
      if (g.includes(4)) throw refused;
      return g.map((x) => x * 10);
    });
    const on = db();
    const answers = await settled([1, 2, 3, 4, 5].map((x) => runGrouped(on, grouping, x)));
    expect(answers).toEqual([10, 20, 30, "rejected", 50]);
    expect(groups).toEqual([[1], [2, 3, 4, 5], [2], [3], [4], [5]]);
  });

  it("gives any other error to every item of the group and runs nothing again (a write may have committed)", async () => {
    const timeout = new Error("Query read timeout");
    const { groups, grouping } = recording(async (g) => {
      if (g.length > 1) throw timeout;
      return g;
    });
    const on = db();
    const answers = await settled([1, 2, 3].map((x) => runGrouped(on, grouping, x)));
    expect(answers).toEqual([1, "rejected", "rejected"]);
    expect(groups).toEqual([[1], [2, 3]]);
  });

  it("rejects a whole group whose statement answered another number of results", async () => {
    const { grouping } = recording(async (g) => g.slice(1));
    const on = db();
    const answers = await settled([1, 2, 3].map((x) => runGrouped(on, grouping, x)));
    expect(answers).toEqual(["rejected", "rejected", "rejected"]);
  });

  it("sends the first waiting alone when the grouping fails to choose or chooses nothing", async () => {
    for (const take of [
      () => {
        throw new Error("bug");
      },
      () => [],
      () => [-1, 99],
    ]) {
      const { groups, grouping } = recording(async (g) => g, take);
      const on = db();
      expect(await Promise.all([1, 2, 3].map((x) => runGrouped(on, grouping, x)))).toEqual([1, 2, 3]);
      expect(groups).toEqual([[1], [2], [3]]);
    }
  });

  it("does not hold those arriving after a stalled group: they run beside it", async () => {
    let release: (v: number[]) => void = () => {};
    const stuck = new Promise<number[]>((resolve) => {
      release = resolve;
    });
    const { groups, grouping } = recording((g) => (g[0] === 1 ? stuck : Promise.resolve(g)));
    const on = db();
    const now = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(now);
    const first = runGrouped(on, grouping, 1);
    // Still within a normal statement's time: the next one waits for the first.
    const second = runGrouped(on, grouping, 2);
    await new Promise((r) => setTimeout(r, 5));
    expect(groups).toEqual([[1]]);
    clock.mockReturnValue(now + 600);
    const third = runGrouped(on, grouping, 3);
    expect(await Promise.all([second, third])).toEqual([2, 3]);
    expect(groups).toEqual([[1], [2, 3]]);
    release([1]);
    expect(await first).toBe(1);
  });
});

describe("keyedReads", () => {
  it("reads each distinct key once and gives every caller its own key's row, as its own copy", async () => {
    const asked: string[][] = [];
    const rows = [
      { id: "a", name: "Ana" },
      { id: "b", name: "Beto" },
    ];
    const grouping = keyedReads<never, { id: string; name: string }>(
      (r) => r.id,
      async (_db, keys) => {
        asked.push(keys);
        // In any order the database likes.
        return rows.filter((r) => keys.includes(r.id)).reverse();
      },
    );
    const got = await grouping.run(db(), ["a", "b", "a", "zz", "b"]);
    expect(asked).toEqual([["a", "b", "zz"]]);
    expect(got.map((r) => r?.name)).toEqual(["Ana", "Beto", "Ana", undefined, "Beto"]);
    expect(got[0]).not.toBe(got[2]);
  });
});
