/**
 * Heap and RSS peaks of a database-bound run, sampled from a Kysely plugin at most every 20 ms of
 * queries. A timer would do on PostgreSQL, but on SQLite (better-sqlite3 answers synchronously) a run
 * of thousands of queries never yields to the timer phase: a setInterval sampler sees nothing.
 */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";

export class MemorySampler {
  readonly heapBefore: number;
  readonly rssBefore: number;
  heapPeak: number;
  rssPeak: number;
  private last = 0;
  private stopped = false;

  constructor() {
    const m = process.memoryUsage();
    this.heapBefore = this.heapPeak = m.heapUsed;
    this.rssBefore = this.rssPeak = m.rss;
  }

  sample(): void {
    if (this.stopped) return;
    const now = performance.now();
    if (now - this.last < 20) return;
    this.last = now;
    const m = process.memoryUsage();
    this.heapPeak = Math.max(this.heapPeak, m.heapUsed);
    this.rssPeak = Math.max(this.rssPeak, m.rss);
  }

  stop(): void {
    this.last = Number.NEGATIVE_INFINITY;
    this.sample();
    this.stopped = true;
  }

  readonly plugin: KyselyPlugin = {
    transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => {
      this.sample();
      return args.node;
    },
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => args.result,
  };
}
