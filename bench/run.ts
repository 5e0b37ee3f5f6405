/**
 * `npm run bench`: runs every benchmark on this machine, saves the raw figures under
 * bench/results/, and rewrites the README's performance section with what was measured.
 * Usage: npm run bench [-- deadlines|http|web|reports|startup|http-growth|migration-036 ...]  (default: all but the last two)
 * (reports and billing also on PostgreSQL when BENCH_PG_URL is set)
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { billingResultsName, formatBillingBench, runBillingBench } from "./billing.js";
import { formatDeadlineBench, runDeadlineBench } from "./deadlines.js";
import { httpResultsName, runHttpBench } from "./http.js";
import { growthResultsName, runHttpGrowthBench } from "./http-growth.js";
import { formatGrowthBench } from "./http-growth-report.js";
import { formatHttpBench } from "./http-report.js";
import { formatMigrationBench, migrationResultsName, runMigrationBench } from "./migration-036.js";
import { formatReportsBench, runReportsBench } from "./reports.js";
import { formatStartupBench, runStartupBench } from "./startup.js";
import { formatWebBench, runWebBench } from "./web.js";

type Results = Record<string, number | string>;
interface Bench {
  title: string;
  /** Results file name when it is not the bench's key (a run at another size). */
  file?: () => string;
  run: () => Promise<Results>;
  format: (r: Results) => string;
}

const BENCHES: Record<string, Bench> = {
  deadlines: {
    title: "Deadline arithmetic (`bench/deadlines.ts`)",
    run: runDeadlineBench,
    format: formatDeadlineBench,
  },
  http: {
    title: "HTTP API on SQLite, 20 connections (`bench/http.ts`)",
    run: runHttpBench,
    format: formatHttpBench,
    file: httpResultsName,
  },
  // Shown when present: `BENCH_TICKETS=1000000 npm run bench -- http` writes it (never run by default).
  "http-1000000": {
    title: "HTTP API on SQLite at 1,000,000 tickets (`bench/http.ts`, BENCH_TICKETS=1000000)",
    run: runHttpBench,
    format: formatHttpBench,
  },
  // Shown when present: `BENCH_PG_URL=postgres://… npm run bench -- http` writes them (never run by default).
  "http-pg": {
    title: "HTTP API on PostgreSQL, 20 connections (`bench/http.ts`, BENCH_PG_URL)",
    run: runHttpBench,
    format: formatHttpBench,
  },
  "http-pg-1000000": {
    title:
      "HTTP API on PostgreSQL at 1,000,000 tickets (`bench/http.ts`, BENCH_PG_URL, BENCH_TICKETS=1000000)",
    run: runHttpBench,
    format: formatHttpBench,
  },
  // Run only when named (`npm run bench -- http-growth`, with BENCH_PG_URL for http-growth-pg): it seeds a
  // million tickets besides 100,000 and takes about 25 minutes.
  "http-growth": {
    title:
      "Queue pages at 100,000 and at 1,000,000 tickets, side by side, on SQLite (`bench/http-growth.ts`)",
    run: runHttpGrowthBench,
    format: formatGrowthBench,
    file: growthResultsName,
  },
  "http-growth-pg": {
    title:
      "Queue pages at 100,000 and at 1,000,000 tickets, side by side, on PostgreSQL (`bench/http-growth.ts`, BENCH_PG_URL)",
    run: runHttpGrowthBench,
    format: formatGrowthBench,
  },
  // Run only when named (`npm run bench -- migration-036`, with BENCH_PG_URL for migration-036-pg).
  "migration-036": {
    title: "Upgrading 1,000,000 tickets through migration 036, on SQLite (`bench/migration-036.ts`)",
    run: runMigrationBench,
    format: formatMigrationBench,
    file: migrationResultsName,
  },
  "migration-036-pg": {
    title:
      "Upgrading 1,000,000 tickets through migration 036, on PostgreSQL (`bench/migration-036.ts`, BENCH_PG_URL)",
    run: runMigrationBench,
    format: formatMigrationBench,
  },
  billing: {
    title: "Monthly contract billing run (`bench/billing.ts`)",
    run: runBillingBench,
    format: formatBillingBench,
    file: billingResultsName,
  },
  web: { title: "Web app in headless Chromium (`bench/web.ts`)", run: runWebBench, format: formatWebBench },
  reports: {
    title: "Reports and dashboard at 1,000,000 tickets (`bench/reports.ts`)",
    run: runReportsBench,
    format: formatReportsBench,
  },
  startup: {
    title: "Production start-up and transfer (`bench/startup.ts`)",
    run: runStartupBench,
    format: formatStartupBench,
  },
};

const RESULTS_DIR = path.join(import.meta.dirname, "results");
const README = path.join(import.meta.dirname, "..", "README.md");

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/**
 * Each table carries the date and machine load of its own run: a partial run (`npm run bench -- web`)
 * refreshes only the tables it measured and never stamps its date on the others.
 */
function section(): string {
  const parts = ["Each table says when it was measured and how loaded the machine was (1-min load average)."];
  for (const [name, bench] of Object.entries(BENCHES)) {
    const file = path.join(RESULTS_DIR, `${name}.json`);
    if (!fs.existsSync(file)) continue;
    const r = JSON.parse(fs.readFileSync(file, "utf8")) as Results;
    const when =
      typeof r.date === "string" ? `${r.date.slice(0, 16).replace("T", " ")} UTC` : "date not recorded";
    const where = typeof r.machine === "string" ? ` on ${r.machine}` : "";
    const load = r.loadAverage1m === undefined ? "not recorded" : String(r.loadAverage1m);
    parts.push(
      `### ${bench.title}\n\nMeasured ${when}${where}; machine load average during the run: ${load}.\n\n${bench.format(r)}`,
    );
  }
  return parts.join("\n\n");
}

const load1 = () => os.loadavg()[0]!.toFixed(2);

/** Date, machine and load of this run, unless the bench recorded its own (finer) load figures. */
function stamped(results: Results, loadBefore: string): Results {
  return {
    ...results,
    date: new Date().toISOString(),
    machine: machine(),
    loadAverage1m: results.loadAverage1m ?? results.loadAverage ?? `${loadBefore} → ${load1()}`,
  };
}

function updateReadme(): void {
  const text = fs.readFileSync(README, "utf8");
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error("README has no bench markers");
  fs.writeFileSync(README, `${text.slice(0, i + start.length)}\n${section()}\n${text.slice(j)}`);
  // The tables are aligned the way the lint expects, so a bench run never turns CI red.
  execFileSync("npx", ["biome", "format", "--write", README], { stdio: "ignore" });
}

/** Tables written by another bench's run at another size or database (see `http`'s `file`). */
const VARIANTS = new Set([
  "http-1000000",
  "http-pg",
  "http-pg-1000000",
  "http-growth-pg",
  "migration-036-pg",
]);
/** Benches run only when named. */
const OPT_IN = new Set(["http-growth", "migration-036"]);
const named = process.argv.slice(2).filter((a) => a in BENCHES);
// A variant is its bench run with other settings: naming it alone would run every bench instead.
for (const v of named.filter((a) => VARIANTS.has(a))) {
  console.error(`${v} is written by another bench's run: see the comment above its entry in bench/run.ts`);
  process.exit(2);
}
const wanted = named;
fs.mkdirSync(RESULTS_DIR, { recursive: true });
// `--readme`: only rewrite the README section from the saved results (after a format change).
const toRun = process.argv.includes("--readme")
  ? []
  : wanted.length
    ? wanted
    : Object.keys(BENCHES).filter((k) => !VARIANTS.has(k) && !OPT_IN.has(k));
for (const name of toRun) {
  const bench = BENCHES[name]!;
  // A run with BENCH_PG_URL or BENCH_TICKETS writes a variant's table: its heading is the variant's.
  const target = bench.file?.() ?? name;
  console.log(`\n## ${BENCHES[target]?.title ?? bench.title}`);
  const loadBefore = load1();
  const results = stamped(await bench.run(), loadBefore);
  console.log(bench.format(results));
  // A bench narrowed by its knobs (BENCH_ONLY…) says so: its figures are not the table's.
  if (results.partial) console.log("(partial run: results not saved)");
  else fs.writeFileSync(path.join(RESULTS_DIR, `${target}.json`), `${JSON.stringify(results, null, 2)}\n`);
}
updateReadme();
console.log("\nREADME performance section updated.");
