import { describe, expect, it } from "vitest";
import { formatHttpBench } from "../../bench/http-report.js";
import { judgeTargets, median, QUEUE_ROWS, queueTargetsPastBase, rowsOf } from "../../bench/http-targets.js";

// Issue #16's million-ticket clause is judged page by page against a comparable 100,000 run: a bench
// table that says «met» must not hide one page that grew past 1.5×.
const shape = {
  database: "PostgreSQL",
  platform: "linux x64, 2 CPU (Xeon)",
  nodeFlags: "--max-semi-space-size=64",
  connections: 20,
  secondsPerScenario: 10,
  rounds: 3,
  date: "2026-12-05T22:56:00.000Z",
};
const pages = (cpu: number[], p99: number[]) =>
  Object.fromEntries(
    ["listDefault", "listStatus", "listAssignee", "listClient", "listBreached", "listDeep"].flatMap(
      (k, i) => [
        [`${k}ServerCpuUsPerReq`, cpu[i] as number],
        [`${k}P99Ms`, p99[i] as number],
      ],
    ),
  );
const base = { ...shape, ...pages([850, 830, 890, 830, 890, 815], [32, 44, 39, 35, 43, 29]) };

describe("queue page targets past 100,000 tickets", () => {
  it("names the page that grew most, not the worst against the worst", () => {
    const big = {
      ...shape,
      tickets: 1_000_000,
      worstQueueCpuUs: 1036,
      worstQueueP99Ms: 53.45,
      ...pages([1036, 950, 1010, 995, 1019, 978], [45.8, 41.4, 47.8, 53.45, 52.5, 41.3]),
    };
    const t = queueTargetsPastBase(big, base);
    expect(t.targetQueueCpu).toBe("most grown listDefault 850 → 1036 µs, 1.22×: met");
    // Worst against worst would say 53.45 / 44 = 1.21×; the client page itself went 35 → 53.45 ms.
    expect(t.targetListP99Under50Ms).toBe(
      "missed; most grown listClient 35 → 53.45 ms, 1.53× (≤ 1.5×: missed)",
    );
  });

  it("judges 1.5× without rounding it first", () => {
    const big = {
      ...shape,
      worstQueueCpuUs: 1276,
      worstQueueP99Ms: 40,
      ...pages([1276, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1]),
    };
    expect(queueTargetsPastBase(big, base).targetQueueCpu).toMatch(/1\.50×: missed$/);
  });

  it("falls back to the absolute targets beside a run that is not comparable", () => {
    const big = { ...shape, nodeFlags: "", worstQueueCpuUs: 990, worstQueueP99Ms: 51, ...pages([990], [51]) };
    expect(queueTargetsPastBase(big, base)).toEqual({
      queueCpuTarget: "≤ 1,000 µs",
      targetQueueCpu: "met (the 100,000 run differs in nodeFlags)",
      targetListP99Under50Ms: "missed",
    });
    expect(queueTargetsPastBase(big, null).targetQueueCpu).toBe("met (no saved run at 100,000 tickets)");
  });

  it("compares only runs measured in as many rounds", () => {
    const big = { ...shape, rounds: 1, worstQueueCpuUs: 990, worstQueueP99Ms: 40, ...pages([990], [40]) };
    expect(queueTargetsPastBase(big, base).targetQueueCpu).toBe("met (the 100,000 run differs in rounds)");
  });
});

// A read's server CPU is the median of its rounds: one round caught in a burst of load from elsewhere
// on the machine (as 1,559 against 897 and 973 was, 6 December) does not decide the figure.
describe("the rounds' median", () => {
  it.each([
    [[973, 1559, 897], 973],
    [[900], 900],
    [[800, 1000], 900],
    [[1, 2, 3, 1000], 3],
  ])("of %j is %d", (rounds, expected) => {
    expect(median(rounds)).toBe(expected);
  });
});

// What the README's measure lines say of a run: the worst queue page and the worst search, each
// among its own scenarios (a search is not a queue page; the two-letter walk has no target).
describe("a run's verdicts", () => {
  it("judges the queue pages and the searches apart, and the create against the bare insert", () => {
    const out: Record<string, number | string> = {
      tickets: 100_000,
      createRps: 900,
      bareRps: 2000,
      createServerCpuUsPerReq: 700,
      bareServerCpuUsPerReq: 350,
      listDefaultServerCpuUsPerReq: 950,
      listDefaultP99Ms: 40,
      listStatusServerCpuUsPerReq: 1010,
      listStatusP99Ms: 45,
      listQServerCpuUsPerReq: 2900,
      listQP99Ms: 90,
      shortWordServerCpuUsPerReq: 26_000,
      shortWordP99Ms: 2800,
    };
    judgeTargets(out, ["listDefault", "listStatus", "listQ", "shortWord", "bare", "create"], null);
    expect(out).toMatchObject({
      createToBareRatio: 0.45,
      targetCreateAtLeast40PctOfBare: "met",
      worstQueueCpuUs: 1010,
      targetQueueCpu: "missed",
      worstQueueP99Ms: 45,
      targetListP99Under50Ms: "met",
      worstSearchCpuUs: 2900,
      targetSearchCpu: "met",
    });
  });

  it("judges the pages of rows the web app asks apart from the full pages", () => {
    const out: Record<string, number | string> = {
      tickets: 100_000,
      createRps: 900,
      bareRps: 2000,
      createServerCpuUsPerReq: 700,
      bareServerCpuUsPerReq: 350,
      listDefaultServerCpuUsPerReq: 1200,
      listDefaultP99Ms: 60,
      listRowsServerCpuUsPerReq: 850,
      listRowsP99Ms: 41,
      listRowsStatusServerCpuUsPerReq: 930,
      listRowsStatusP99Ms: 47,
    };
    judgeTargets(out, ["listDefault", "listRows", "listRowsStatus", "bare", "create"], null);
    expect(out).toMatchObject({
      worstQueueCpuUs: 1200,
      targetQueueCpu: "missed",
      worstQueueP99Ms: 60,
      targetListP99Under50Ms: "missed",
      worstRowsCpuUs: 930,
      targetRowsCpu: "met",
      worstRowsP99Ms: 47,
      targetRowsP99Under50Ms: "met",
    });
    // Rows dearer than the full pages do not count against the full pages.
    const cheapFull: Record<string, number | string> = {
      ...out,
      listDefaultServerCpuUsPerReq: 900,
      listDefaultP99Ms: 40,
      listRowsServerCpuUsPerReq: 1_100,
    };
    judgeTargets(cheapFull, ["listDefault", "listRows", "bare", "create"], null);
    expect(cheapFull).toMatchObject({ worstQueueCpuUs: 900, targetQueueCpu: "met", targetRowsCpu: "missed" });
  });
});

describe("a queue page as rows", () => {
  it("has a key of its own beside each full page", () => {
    expect(QUEUE_ROWS).toEqual([
      "listRows",
      "listRowsStatus",
      "listRowsAssignee",
      "listRowsClient",
      "listRowsBreached",
      "listRowsDeep",
    ]);
    expect(rowsOf("listDefault")).toBe("listRows");
  });

  it("is named when it grew most past 100,000 tickets", () => {
    const big = {
      ...shape,
      tickets: 1_000_000,
      worstQueueCpuUs: 900,
      worstQueueP99Ms: 40,
      ...pages([850, 830, 890, 830, 890, 815], [32, 44, 39, 35, 43, 29]),
      listRowsStatusServerCpuUsPerReq: 990,
      listRowsStatusP99Ms: 30,
      worstRowsP99Ms: 30,
    };
    const withRows = { ...base, listRowsStatusServerCpuUsPerReq: 600, listRowsStatusP99Ms: 30 };
    expect(queueTargetsPastBase(big, withRows, "rows")).toEqual({
      rowsCpuTarget: "each page ≤ 1.5× itself at 100,000 tickets, 2026-12-05",
      targetRowsCpu: "most grown listRowsStatus 600 → 990 µs, 1.65×: missed",
      targetRowsP99Under50Ms: "met; most grown listRowsStatus 30 → 30 ms, 1.00× (≤ 1.5×: met)",
    });
    // The full pages are judged on their own: the rows' growth is not theirs.
    expect(queueTargetsPastBase(big, withRows).targetQueueCpu).toBe(
      "most grown listDefault 850 → 850 µs, 1.00×: met",
    );
  });

  it("falls back to the absolute targets when the 100,000 run lacks one of the pages", () => {
    const big = {
      ...shape,
      tickets: 1_000_000,
      worstRowsCpuUs: 1_040,
      worstRowsP99Ms: 40,
      listRowsServerCpuUsPerReq: 700,
      listRowsP99Ms: 30,
      listRowsStatusServerCpuUsPerReq: 1_040,
      listRowsStatusP99Ms: 40,
    };
    // A run saved before the filtered pages were measured as rows has listRows only.
    const t = queueTargetsPastBase(
      big,
      { ...base, listRowsServerCpuUsPerReq: 650, listRowsP99Ms: 28 },
      "rows",
    );
    expect(t).toEqual({
      rowsCpuTarget: "≤ 1,000 µs",
      targetRowsCpu: "missed (not in the 100,000 run: listRowsStatus)",
      targetRowsP99Under50Ms: "met",
    });
  });
});

describe("a saved run at 100,000 tickets", () => {
  it("is judged again when shown, each kind of page apart", () => {
    // Saved before the rows were judged apart: its worst queue page took the rows in.
    const saved: Record<string, number | string> = {
      tickets: 100_000,
      connections: 20,
      listDefaultRps: 1000,
      listDefaultServerCpuUsPerReq: 800,
      listDefaultP99Ms: 40,
      listRowsRps: 900,
      listRowsServerCpuUsPerReq: 1_100,
      listRowsP99Ms: 55,
      worstQueueCpuUs: 1_100,
      targetQueueCpu: "missed",
    };
    const table = formatHttpBench(saved);
    expect(table).toContain(
      "| worst queue page server CPU, full tickets (target ≤ 1,000 µs) | 800 µs: met |",
    );
    expect(table).toContain(
      "| worst queue page server CPU, rows as the web app asks (target ≤ 1,000 µs) | 1,100 µs: missed |",
    );
    expect(table).toContain(
      "| worst queue page p99, rows as the web app asks (target < 50 ms) | 55 ms: missed |",
    );
  });
});

describe("the first page's floor", () => {
  const run = (floor: Record<string, number>) => ({
    tickets: 100_000,
    database: "PostgreSQL",
    listDefaultRps: 600,
    listDefaultServerCpuUsPerReq: 1_500,
    listDefaultP99Ms: 60,
    listRowsRps: 800,
    listRowsServerCpuUsPerReq: 1_100,
    listRowsP99Ms: 45,
    ...floor,
  });

  it("says what the page costs beside its statement alone, the rows beside theirs", () => {
    const table = formatHttpBench(
      run({
        floorPageRps: 900,
        floorPageServerCpuUsPerReq: 1_000,
        floorPageP99Ms: 30,
        floorRowsRps: 1_100,
        floorRowsServerCpuUsPerReq: 800,
        floorRowsP99Ms: 25,
      }),
    );
    expect(table).toContain("| first page / its floor, server CPU (no target) | 1.5 |");
    expect(table).toContain("| first page as rows / its floor, server CPU (no target) | 1.38 |");
    expect(table).toMatch(
      /\| floor of the first page: Fastify \+ its one statement as Mesa runs it[^|]*\| 900 \|/,
    );
  });

  it("leaves the lines out of a run that did not measure the floor", () => {
    const table = formatHttpBench(run({}));
    expect(table).not.toContain("its floor");
    expect(table).not.toContain("floor of the first page");
  });
});
