/**
 * Seed of the billing bench (bench/billing.ts): one client and one contract (10 h included, overage
 * rate) per contract index, and the reviewed tickets spread evenly over the contracts, each with one
 * time entry of the month before the period. Bulk inserts through the app's Kysely, not measured.
 */
import pg from "pg";
import type { MesaApp } from "../src/server/app.js";
import { cashClientRow } from "./seed-rows.js";

const CHUNK = 500;

async function chunked<T>(rows: T[], insert: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Seeds `contractCount` contracts and `ticketCount` reviewed tickets worked in January 2026. */
export async function seedBilling(app: MesaApp, contractCount: number, ticketCount: number): Promise<void> {
  const db = app.ctx.db;
  const at = "2026-01-05T16:00:00.000Z";
  const ids = Array.from({ length: contractCount }, (_, i) => String(i).padStart(6, "0"));
  await chunked(ids, (part) =>
    db
      .insertInto("clients")
      .values(
        part.map((i) =>
          cashClientRow({
            id: `cl-${i}`,
            name: `Cliente ${i}`,
            rfc: `XYZ${i}AB1`,
            phone: null,
            email: null,
            searchText: `cliente ${i}`,
            at,
          }),
        ),
      )
      .execute(),
  );
  await chunked(ids, (part) =>
    db
      .insertInto("contracts")
      .values(
        part.map((i) => ({
          id: `ct-${i}`,
          client_id: `cl-${i}`,
          type: "SS",
          starts_on: "2025-01-01",
          ends_on: null,
          monthly_fee_cents: 350_000,
          included_minutes_per_month: 600,
          overage_rate_cents: 45_000,
          sla_normal_minutes: null,
          sla_urgent_minutes: null,
          notes: null,
          cancelled_at: null,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute(),
  );
  const users = await db.selectFrom("users").select("id").executeTakeFirstOrThrow();
  const perContract = Math.ceil(ticketCount / contractCount);
  for (let start = 0; start < ticketCount; start += 20_000) {
    const n = Math.min(20_000, ticketCount - start);
    const tickets = Array.from({ length: n }, (_, k) => {
      const i = start + k;
      const c = ids[Math.floor(i / perContract) % contractCount]!;
      return {
        id: `tk-${i}`,
        folio: `OS-2026-${String(i + 1).padStart(7, "0")}`,
        client_id: `cl-${c}`,
        contact_id: null,
        title: "Servicio",
        description: "",
        urgent: 0,
        channel: "phone" as const,
        category: null,
        service_kind: "contract" as const,
        contract_id: `ct-${c}`,
        status: "reviewed" as const,
        assignee_id: null,
        received_at: at,
        response_due_at: at,
        responded_at: at,
        estimated_solution_minutes: null,
        estimated_solution_at: null,
        raw_minutes: 28,
        billable_minutes: 30,
        billing_status: "pending" as const,
        accepted_at: at,
        accepted_by_name: "x",
        accepted_via: "onsite" as const,
        acceptance_override_reason: null,
        unknown_sender: 0,
        search_text: "servicio",
        created_by: null,
        created_at: at,
        updated_at: at,
        closed_at: null,
        version: 1,
      };
    });
    await chunked(tickets, (part) => db.insertInto("tickets").values(part).execute());
    await chunked(tickets, (part) =>
      db
        .insertInto("time_entries")
        .values(
          part.map((t) => ({
            id: `te-${t.id}`,
            ticket_id: t.id,
            user_id: users.id,
            started_at: null,
            ended_at: null,
            minutes: 28,
            mode: "remote" as const,
            activity: "x",
            created_by: users.id,
            created_at: "2026-01-20T17:00:00.000Z",
          })),
        )
        .execute(),
    );
  }
}

/** A new database on the server of `admin` (dropped first if a crashed run left it). */
export async function freshPostgres(admin: string) {
  const name = `mesa_bench_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.query(`create database ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const drop = async () => {
    const d = new pg.Client({ connectionString: admin });
    await d.connect();
    await d.query(`drop database if exists ${name} with (force)`);
    await d.end();
  };
  return { env: { DATABASE_URL: url.toString() }, drop };
}
