/**
 * A million tickets for the reports bench, written straight into SQLite with prepared statements
 * in one transaction (the FTS trigger is dropped meanwhile: reports never search). Deterministic:
 * three years up to 30 Nov 2026, ~900 tickets a day; older ones closed (5 % cancelled), the last two
 * weeks open; one time entry, one `attended` history row per finished ticket, surveys and charges.
 */
import type SQLite from "better-sqlite3";
import { rng } from "./seed-rows.js";

const DAY = 86_400_000;
const END = Date.parse("2026-12-01T06:00:00Z");
const START = END - 3 * 365 * DAY;
const CATEGORIES = ["soporte", "redes", "fortigate", "hosting", "windows-server", "microsip"];
const CHANNELS = ["phone", "email", "portal", "walk_in"];
const MODES = ["onsite", "office", "remote", "phone"];
const OPEN = ["new", "assigned", "in_progress", "attended", "reviewed"];
const iso = (ms: number) => new Date(ms).toISOString();

function seedPeople(raw: SQLite.Database, now: string) {
  const user = raw.prepare(
    `insert into users (id, email, name, password_hash, roles, skills, client_id, contact_id, invited_at, locale, active, created_at, updated_at)
     values (?, ?, ?, null, '["technician"]', '[]', null, null, null, 'es-MX', 1, ?, ?)`,
  );
  const client = raw.prepare(
    `insert into clients (id, name, rfc, phone, email, billing_address, payment_terms, credit_days, credit_limit_cents,
       credit_approved_by, credit_approved_at, account_technician_id, notes, search_text, created_at, updated_at)
     values (?, ?, null, null, null, null, 'cash', null, null, null, null, null, null, ?, ?, ?)`,
  );
  const contract = raw.prepare(
    `insert into contracts (id, client_id, type, starts_on, ends_on, monthly_fee_cents, included_minutes_per_month,
       overage_rate_cents, sla_normal_minutes, sla_urgent_minutes, notes, cancelled_at, created_at, updated_at)
     values (?, ?, 'SS', '2023-01-01', null, 350000, 600, 90000, null, null, null, null, ?, ?)`,
  );
  for (let i = 0; i < 20; i++) user.run(`bench-tech-${i}`, `tech${i}@bench.mx`, `Técnico ${i}`, now, now);
  for (let i = 0; i < 200; i++) {
    client.run(`bench-client-${i}`, `Cliente ${i}`, `cliente ${i}`, now, now);
    if (i < 100) contract.run(`bench-contract-${i}`, `bench-client-${i}`, now, now);
  }
}

export function seedReportsData(raw: SQLite.Database, count: number): void {
  const now = iso(END);
  const trigger = raw.prepare("select sql from sqlite_master where name = 'tickets_search_insert'").get() as
    | { sql: string }
    | undefined;
  raw.exec("drop trigger if exists tickets_search_insert");
  const ticket = raw.prepare(
    `insert into tickets (id, folio, client_id, contact_id, title, description, urgent, channel, category, service_kind,
       contract_id, status, assignee_id, received_at, response_due_at, responded_at, estimated_solution_minutes,
       estimated_solution_at, raw_minutes, billable_minutes, billing_status, accepted_at, accepted_by_name, accepted_via,
       acceptance_override_reason, unknown_sender, search_text, created_by, created_at, updated_at, closed_at, version, escalation_level)
     values (?, ?, ?, null, 'Ticket', '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 480, null, ?, ?, ?, null, null, null, null, 0, '', null, ?, ?, ?, 1, 0)`,
  );
  const history = raw.prepare(
    `insert into ticket_history (ticket_id, at, actor_id, action, from_status, to_status, reason, changes)
     values (?, ?, null, 'attend', 'in_progress', 'attended', null, null)`,
  );
  const entry = raw.prepare(
    `insert into time_entries (id, ticket_id, user_id, started_at, ended_at, minutes, mode, activity, created_by, created_at)
     values (?, ?, ?, null, null, ?, ?, 'Trabajo', ?, ?)`,
  );
  const survey = raw.prepare(
    `insert into surveys (id, ticket_id, overall, technician, timeliness, comments, outcome, recorded_by, recorded_at)
     values (?, ?, ?, ?, ?, null, ?, null, ?)`,
  );
  const charge = raw.prepare(
    `insert into charges (id, ticket_id, kind, description, quantity, unit_price_cents, amount_cents, created_by, created_at)
     values (?, ?, 'consumable', 'Cable', 1, 25000, 25000, 'bench-tech-0', ?)`,
  );
  const rnd = rng(42);
  // A bench database: no durability or reference checks while it is filled (each row is made valid here).
  raw.pragma("foreign_keys = off");
  raw.pragma("synchronous = off");
  raw.transaction(() => {
    seedPeople(raw, now);
    const step = (END - START) / count;
    for (let i = 0; i < count; i++) {
      const received = Math.floor(START + i * step);
      const id = `bench-t-${i}`;
      const clientN = Math.floor(rnd() * 200);
      const contract = clientN < 100;
      const urgent = rnd() < 0.2;
      const target = (contract ? 120 : 480) / (urgent ? 2 : 1);
      const due = received + target * 60_000 * (1 + rnd() * 3);
      const recent = received > END - 14 * DAY;
      const status = recent ? OPEN[Math.floor(rnd() * OPEN.length)]! : rnd() < 0.05 ? "cancelled" : "closed";
      const answered = status !== "new" && status !== "cancelled" && !(status === "assigned" && rnd() < 0.5);
      const responded = answered ? received + Math.floor(rnd() * target * 2) * 60_000 : null;
      const finished = status === "closed" || status === "attended" || status === "reviewed";
      const tech = `bench-tech-${i % 20}`;
      const raw_ = 30 + Math.floor(rnd() * 210);
      const billable = status === "closed" || status === "reviewed" ? Math.ceil(raw_ / 15) * 15 : null;
      const closed = status === "closed" ? received + (1 + rnd() * 3) * DAY : null;
      const billing =
        status !== "closed" ? "pending" : ["to_invoice", "invoiced", "invoiced", "no_charge"][i % 4]!;
      ticket.run(
        id,
        `OS-B-${i}`,
        `bench-client-${clientN}`,
        urgent ? 1 : 0,
        CHANNELS[i % 4],
        CATEGORIES[i % 6],
        contract ? "contract" : "event",
        contract ? `bench-contract-${clientN}` : null,
        status,
        status === "new" ? null : tech,
        iso(received),
        iso(due),
        responded === null ? null : iso(responded),
        finished ? raw_ : 0,
        billable,
        billing,
        iso(received),
        iso(closed ?? received),
        closed === null ? null : iso(closed),
      );
      if (!finished) continue;
      const attended = (responded ?? received) + rnd() * DAY;
      history.run(id, iso(attended));
      entry.run(`bench-e-${i}`, id, tech, raw_, MODES[i % 4], tech, iso(attended - 60_000));
      if (closed !== null && i % 3 === 0) {
        const score = 1 + (i % 5);
        survey.run(
          `bench-s-${i}`,
          id,
          score,
          score,
          score,
          i % 10 === 0 ? "unreachable" : "answered",
          iso(closed),
        );
      }
      if (i % 20 === 0) charge.run(`bench-c-${i}`, id, iso(attended));
    }
  })();
  if (trigger) raw.exec(trigger.sql);
  // As surveysRepo.insert does: a ticket with its survey leaves the survey queue's index.
  raw.exec("update tickets set survey_recorded = 1 where id in (select ticket_id from surveys)");
  // Rows written here bypass the report ledger: the next start queues the rebuild of facts and summary.
  raw.exec("delete from report_summary_state");
  raw.pragma("foreign_keys = on");
  raw.exec("analyze");
}
