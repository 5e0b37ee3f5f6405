/**
 * The HTTP bench's scenarios (bench/http.ts): the queue pages and searches issue #16 names, then the
 * create and the bare insert it is compared with. Lists first, so they read exactly the seeded tickets.
 */
import type { ChildProcess } from "node:child_process";
import { COMMON_WORD, pick, RARE_WORD, rng, SHORT_WORD, ticketText } from "./http-data.js";
import type { MesaReady } from "./http-servers.js";
import { QUEUE_PAGES, type QueuePage, rowsOf } from "./http-targets.js";

export interface Scenario {
  /** Its results' prefix in the JSON; http-report.ts labels the table's rows by it. */
  key: string;
  url: string;
  method: "GET" | "POST";
  token?: string;
  body?: () => string;
  server: ChildProcess;
}

/** Bodies for the creates (and the bare inserts): a random client's contact, text and category. */
export function createBodies(clients: MesaReady["clients"]): () => string {
  const rand = rng(7);
  return () => {
    const c = pick(rand, clients);
    const { title, description } = ticketText(rand);
    return JSON.stringify({
      clientId: c.id,
      contactId: c.contactId,
      title,
      description,
      urgent: rand() < 0.15,
      channel: pick(rand, ["phone", "email", "portal", "walk_in"]),
      category: pick(rand, ["soporte", "redes", "fortigate", "hosting", "windows-server", "microsip"]),
    });
  };
}

/**
 * The query after the limit of each queue page issue #16 names: the queue's order, then filtered by
 * status, assignee, client and breach, and a page deep in the queue.
 */
function queueQueries(ready: MesaReady): Record<QueuePage, string> {
  return {
    listDefault: "",
    listStatus: "&status=new,assigned",
    listAssignee: `&assigneeId=${ready.techId}`,
    listClient: `&clientId=${ready.clients[0]!.id}`,
    listBreached: "&breached=true",
    listDeep: `&cursor=${ready.deepCursor}`,
  };
}

export function httpScenarios(at: {
  base: string;
  barePort: number;
  ready: MesaReady;
  mesa: ChildProcess;
  bare: ChildProcess;
  createBody: () => string;
}): Scenario[] {
  const { base, barePort, ready, mesa, bare, createBody } = at;
  // A 50-row page of the queue with `query` after the limit (the table's labels: http-report.ts).
  const page = (key: string, query = ""): Scenario => ({
    key,
    url: `${base}/api/tickets?limit=50${query}`,
    method: "GET",
    server: mesa,
  });
  return [
    // The queue pages twice: as the API answers by default (each ticket whole, SPEC §10), and as the
    // web app's lists ask them, each ticket as a row (view=summary; keys listRows…).
    ...QUEUE_PAGES.flatMap((key) => {
      const query = queueQueries(ready)[key];
      return [page(key, query), page(rowsOf(key), `&view=summary${query}`)];
    }),
    page("listQCommon", `&q=${COMMON_WORD}`),
    page("listQFolio", `&q=${encodeURIComponent(ready.probeFolio)}`),
    page("listQ", `&q=${RARE_WORD}`),
    // Not "list…": a search no index helps has no CPU target (issue #16 names rare, common and
    // past-the-cap words); shown so its bound (WALK_BUDGET tickets per request) is measured.
    page("shortWord", `&q=${SHORT_WORD}`),
    // Not "list…" either: issue #16 measures words over the whole queue. A word past a filter's
    // candidate cap (2,000; at 1,000,000 tickets the 1 % word is) walks the filter's queue until
    // its page fills: about 50 ÷ its share of tickets read per page.
    page("filteredWord", `&q=${RARE_WORD}&assigneeId=${ready.techId}`),
    {
      key: "bare",
      url: `http://127.0.0.1:${barePort}/bare/tickets`,
      method: "POST",
      body: createBody,
      server: bare,
    },
    { key: "create", url: `${base}/api/tickets`, method: "POST", body: createBody, server: mesa },
  ];
}

/**
 * The queue page's floor (bench/http-bare.ts, GET /bare/page): its one statement as Mesa runs it, the
 * rows sent as read; beside listDefault and listRows, what of their cost is Mesa's own.
 */
export function floorScenarios(barePort: number, bare: ChildProcess): Scenario[] {
  const url = `http://127.0.0.1:${barePort}/bare/page`;
  return [
    { key: "floorPage", url, method: "GET", server: bare },
    { key: "floorRows", url: `${url}?view=summary`, method: "GET", server: bare },
  ];
}
