/**
 * The renderer's CPU samples from a Chromium trace (category disabled-by-default-v8.cpu_profiler),
 * summed per source file and per function, mapped through the build's source maps when it has them
 * (`vite build --sourcemap`): which library or screen the main thread's script time goes to.
 */
import fs from "node:fs";
import path from "node:path";
import { SourceMapConsumer } from "source-map-js";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: CallFrame;
}
export interface ProfileEvent {
  name: string;
  id?: string;
  pid: number;
  args?: { data?: { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } };
}

const consumers = new Map<string, SourceMapConsumer | null>();

function consumer(distDir: string, url: string): SourceMapConsumer | null {
  const file = path.join(distDir, new URL(url).pathname);
  if (!consumers.has(file)) {
    const map = `${file}.map`;
    consumers.set(
      file,
      fs.existsSync(map) ? new SourceMapConsumer(JSON.parse(fs.readFileSync(map, "utf8"))) : null,
    );
  }
  return consumers.get(file)!;
}

/** "file · function" in the original sources where a map says so, else the served file. */
function place(distDir: string, frame: CallFrame): { file: string; fn: string } {
  if (!frame.url?.startsWith("http"))
    return { file: frame.url || `(${frame.functionName || "program"})`, fn: frame.functionName };
  const map = consumer(distDir, frame.url);
  const at = map?.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
  if (!at?.source) return { file: new URL(frame.url).pathname, fn: frame.functionName };
  const file = at.source.replace(/^.*node_modules\//, "").replace(/^(\.\.\/)+/, "");
  return { file, fn: at.name ?? frame.functionName };
}

/** Self ms per file and per function, and inclusive ms per function, of one process's samples. */
export function cpuSummary(events: ProfileEvent[], pid: number, distDir: string) {
  const nodes = new Map<number, ProfileNode>();
  const samples: { node: number; ms: number }[] = [];
  for (const e of events) {
    if (e.pid !== pid || e.name !== "ProfileChunk") continue;
    const data = e.args?.data;
    for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const deltas = data?.timeDeltas ?? [];
    for (const [i, node] of (data?.cpuProfile?.samples ?? []).entries()) {
      samples.push({ node, ms: (deltas[i] ?? 0) / 1000 });
    }
  }
  // A sample's time is the gap to the next one.
  for (let i = 0; i < samples.length - 1; i++) samples[i]!.ms = samples[i + 1]!.ms;
  const places = new Map<number, { file: string; fn: string }>();
  const placeOf = (id: number) => {
    if (!places.has(id)) places.set(id, place(distDir, nodes.get(id)!.callFrame));
    return places.get(id)!;
  };
  const add = (m: Map<string, number>, k: string, ms: number) => m.set(k, (m.get(k) ?? 0) + ms);
  const selfFile = new Map<string, number>();
  const selfFn = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const { node, ms } of samples) {
    if (!nodes.has(node)) continue;
    const p = placeOf(node);
    add(selfFile, p.file, ms);
    add(selfFn, `${p.fn} (${p.file})`, ms);
    const seen = new Set<string>();
    for (let id: number | undefined = node; id !== undefined; id = nodes.get(id)?.parent) {
      const q = placeOf(id);
      const key = `${q.fn} (${q.file})`;
      if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
      seen.add(key);
    }
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${k}`);
  const wanted = process.env.BENCH_WEB_INCLUSIVE_MATCH;
  if (wanted) for (const key of [...inclusive.keys()]) if (!key.includes(wanted)) inclusive.delete(key);
  return { selfFile: top(selfFile, 25), selfFn: top(selfFn, 25), inclusive: top(inclusive, 50) };
}
