/**
 * `npm run bench`: runs every benchmark on this machine, saves the raw figures under
 * bench/results/, and rewrites the README's performance section with what was measured.
 * Usage: npm run bench [-- deadlines|http|web|reports|startup ...]  (default: all)
 * (reports also on PostgreSQL when BENCH_PG_URL is set)
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatBillingBench, runBillingBench } from "./billing.js";
import { formatDeadlineBench, runDeadlineBench } from "./deadlines.js";
import { formatHttpBench, runHttpBench } from "./http.js";
import { formatReportsBench, runReportsBench } from "./reports.js";
import { formatStartupBench, runStartupBench } from "./startup.js";
import { formatWebBench, runWebBench } from "./web.js";

type Results = Record<string, number | string>;
interface Bench {
  title: string;
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
  },
  billing: {
    title: "Monthly contract billing run (`bench/billing.ts`)",
    run: runBillingBench,
    format: formatBillingBench,
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

function section(): string {
  const parts = [`Last run: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}.`];
  for (const [name, bench] of Object.entries(BENCHES)) {
    const file = path.join(RESULTS_DIR, `${name}.json`);
    if (!fs.existsSync(file)) continue;
    parts.push(`### ${bench.title}\n\n${bench.format(JSON.parse(fs.readFileSync(file, "utf8")) as Results)}`);
  }
  return parts.join("\n\n");
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

const wanted = process.argv.slice(2).filter((a) => a in BENCHES);
fs.mkdirSync(RESULTS_DIR, { recursive: true });
for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
  const bench = BENCHES[name]!;
  console.log(`\n## ${bench.title}`);
  const results = await bench.run();
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
  console.log(bench.format(results));
}
updateReadme();
console.log("\nREADME performance section updated.");
