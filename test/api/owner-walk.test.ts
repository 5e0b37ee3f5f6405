import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchTerms } from "../../src/domain/text.js";
import { listPage } from "../../src/server/modules/tickets/list-repository.js";
import { type TicketFilter, ticketsRepo } from "../../src/server/modules/tickets/repository.js";
import type { DB } from "../../src/server/platform/database/schema.js";
import { startApp, type TestApp } from "../harness.js";
import { bareTicketRow } from "../support/ticket-rows.js";

/**
 * SQLite: a word too common for its index candidates to be read and sorted, searched inside one
 * technician's or one client's tickets, walks the search docs in that technician's or client's queue
 * order (migration 027) keeping the candidates as a set, instead of reading every one of their
 * tickets' rows to check LIKE. With 10,000 tickets: "cableado" in one of four (2,500 candidates: past
 * the 2,000 a filtered search reads and sorts, under the √(1,000 × 10,000) a walk may keep).
 * PostgreSQL has no search docs (its trigram path is tested in search-paths and list-plans).
 */
const ROWS = 10_000;
const AT = "2026-03-01T12:00:00.000Z";
const STATUSES = ["new", "assigned", "in_progress", "attended", "closed"] as const;
const ids = { clients: ["c-uno", "c-dos"], tech: "u-walk" };

function tickets() {
  return Array.from({ length: ROWS }, (_, i) =>
    bareTicketRow({
      id: `t-${String((i * 7919) % ROWS).padStart(6, "0")}`, // ids not in the order of their deadlines
      folio: `OS-2026-${String(i).padStart(6, "0")}`,
      client_id: ids.clients[i % 2]!,
      urgent: i % 7 === 0 ? 1 : 0,
      status: STATUSES[i % STATUSES.length]!,
      assignee_id: i % 3 === 0 ? ids.tech : null,
      text: `ticket ${i % 4 === 0 ? "cableado" : "red"}`,
      at: AT,
      response_due_at: new Date(Date.parse(AT) + Math.floor(i / 3) * 60_000).toISOString(),
    }),
  );
}

async function seed(t: TestApp) {
  const db = t.app.ctx.db;
  const clients = ids.clients.map((id) => ({
    id,
    name: `Cliente ${id}`,
    rfc: null,
    phone: null,
    email: null,
    billing_address: null,
    payment_terms: "cash" as const,
    credit_days: null,
    credit_limit_cents: null,
    credit_approved_by: null,
    credit_approved_at: null,
    account_technician_id: null,
    notes: null,
    search_text: `cliente ${id}`,
    created_at: AT,
    updated_at: AT,
  }));
  await db.insertInto("clients").values(clients).execute();
  await db
    .insertInto("users")
    .values({
      id: ids.tech,
      email: "walk@encor.mx",
      name: "Técnico",
      password_hash: null,
      roles: '["technician"]',
      skills: "[]",
      client_id: null,
      locale: "es-MX",
      active: 1,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  const all = tickets();
  for (let i = 0; i < all.length; i += 500)
    await db
      .insertInto("tickets")
      .values(all.slice(i, i + 500))
      .execute();
}

describe("a common word inside one technician's or client's tickets, on sqlite", () => {
  let t: TestApp;
  let raw: SQLite.Database;
  let logged: Kysely<DB>;
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];

  beforeAll(async () => {
    t = await startApp("sqlite");
    await seed(t);
    raw = new SQLite(path.join(t.db.env.MESA_DATA_DIR!, "mesa.sqlite"));
    logged = new Kysely<DB>({
      dialect: new SqliteDialect({ database: raw }),
      log: (e) => {
        if (e.level === "query") captured.push({ sql: e.query.sql, parameters: e.query.parameters });
      },
    });
  });
  afterAll(async () => {
    await logged?.destroy();
    await t?.close();
  });

  /** The plan of the statement that read the page (the one joining the names). */
  async function pagePlan(f: Omit<TicketFilter, "limit" | "terms">) {
    captured.length = 0;
    const { rows } = await ticketsRepo.list(logged, { ...f, terms: searchTerms("cableado"), limit: 51 });
    const page = captured.find((c) => c.sql.includes("client_name"))!;
    const plan = raw.prepare(`explain query plan ${page.sql}`).all(...(page.parameters as unknown[])) as {
      detail: string;
    }[];
    return { rows, plan: plan.map((p) => p.detail).join("\n") };
  }

  it.each([
    ["technician", { assigneeId: ids.tech }, "ticket_search_docs_assignee"],
    ["client", { clientId: "c-uno" }, "ticket_search_docs_client"],
  ] as const)(
    "inside one %s's tickets: walks its docs' queue, the same page as LIKE on its rows",
    async (_l, f, index) => {
      const { rows, plan } = await pagePlan(f);
      expect(plan).toMatch(new RegExp(`SEARCH d USING COVERING INDEX ${index}`));
      expect(plan).not.toMatch(/tickets_queue|tickets_assignee_queue|tickets_client_queue/);
      const byLike = await listPage(
        t.app.ctx.db,
        { ...f, terms: searchTerms("cableado"), limit: 51 },
        { kind: "ranges" },
      );
      expect(rows.map((r) => r.id)).toEqual(byLike.map((r) => r.id));
      expect(rows).toHaveLength(51);
    },
  );

  it("with a status filter too, checks LIKE on the technician's rows (the docs' order would not thin)", async () => {
    const { rows, plan } = await pagePlan({ assigneeId: ids.tech, statuses: ["new", "assigned"] });
    expect(plan).not.toMatch(/ticket_search_docs_assignee/);
    expect(rows.every((r) => r.assignee_id === ids.tech && ["new", "assigned"].includes(r.status))).toBe(
      true,
    );
  });
});
