/**
 * The HTTP bench's scenarios (bench/http.ts): the queue pages and searches issue #16 names, then the
 * create and the bare insert it is compared with. Lists first, so they read exactly the seeded tickets.
 */
import type { ChildProcess } from "node:child_process";
import { COMMON_WORD, pick, RARE_WORD, rng, SHORT_WORD, ticketText } from "./http-data.js";
import type { MesaReady } from "./http-servers.js";

export interface Scenario {
  key: string;
  label: string;
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

export function httpScenarios(at: {
  base: string;
  barePort: number;
  ready: MesaReady;
  mesa: ChildProcess;
  bare: ChildProcess;
  createBody: () => string;
}): Scenario[] {
  const { base, barePort, ready, mesa, bare, createBody } = at;
  return [
    {
      key: "listDefault",
      label: "GET /api/tickets?limit=50",
      url: `${base}/api/tickets?limit=50`,
      method: "GET",
      server: mesa,
    },
    {
      key: "listStatus",
      label: "GET /api/tickets?limit=50&status=new,assigned",
      url: `${base}/api/tickets?limit=50&status=new,assigned`,
      method: "GET",
      server: mesa,
    },
    {
      key: "listAssignee",
      label: "GET /api/tickets?limit=50&assigneeId=…",
      url: `${base}/api/tickets?limit=50&assigneeId=${ready.techId}`,
      method: "GET",
      server: mesa,
    },
    {
      key: "listClient",
      label: "GET /api/tickets?limit=50&clientId=…",
      url: `${base}/api/tickets?limit=50&clientId=${ready.clients[0]!.id}`,
      method: "GET",
      server: mesa,
    },
    {
      key: "listBreached",
      label: "GET /api/tickets?limit=50&breached=true",
      url: `${base}/api/tickets?limit=50&breached=true`,
      method: "GET",
      server: mesa,
    },
    {
      key: "listDeep",
      label: "GET /api/tickets?limit=50&cursor=… (a page 90% into the queue)",
      url: `${base}/api/tickets?limit=50&cursor=${ready.deepCursor}`,
      method: "GET",
      server: mesa,
    },
    {
      key: "listQCommon",
      label: `GET /api/tickets?limit=50&q=${COMMON_WORD}`,
      url: `${base}/api/tickets?limit=50&q=${COMMON_WORD}`,
      method: "GET",
      server: mesa,
    },
    {
      key: "listQFolio",
      label: `GET /api/tickets?limit=50&q=${ready.probeFolio}`,
      url: `${base}/api/tickets?limit=50&q=${encodeURIComponent(ready.probeFolio)}`,
      method: "GET",
      server: mesa,
    },
    {
      key: "listQ",
      label: `GET /api/tickets?limit=50&q=${RARE_WORD}`,
      url: `${base}/api/tickets?limit=50&q=${RARE_WORD}`,
      method: "GET",
      server: mesa,
    },
    {
      // Not "list…": a search no index helps has no CPU target (issue #16 names rare, common and
      // past-the-cap words); shown so its bound (WALK_BUDGET tickets per request) is measured.
      key: "shortWord",
      label: `GET /api/tickets?limit=50&q=${SHORT_WORD}`,
      url: `${base}/api/tickets?limit=50&q=${SHORT_WORD}`,
      method: "GET",
      server: mesa,
    },
    {
      // Not "list…" either: issue #16 measures words over the whole queue. A word past a filter's
      // candidate cap (2,000; at 1,000,000 tickets the 1 % word is) walks the filter's queue until
      // its page fills: about 50 ÷ its share of tickets read per page.
      key: "filteredWord",
      label: `GET /api/tickets?limit=50&q=${RARE_WORD}&assigneeId=…`,
      url: `${base}/api/tickets?limit=50&q=${RARE_WORD}&assigneeId=${ready.techId}`,
      method: "GET",
      server: mesa,
    },
    {
      key: "bare",
      label: "bare Fastify + better-sqlite3, 1 INSERT",
      url: `http://127.0.0.1:${barePort}/bare/tickets`,
      method: "POST",
      body: createBody,
      server: bare,
    },
    {
      key: "create",
      label: "POST /api/tickets",
      url: `${base}/api/tickets`,
      method: "POST",
      body: createBody,
      server: mesa,
    },
  ];
}
