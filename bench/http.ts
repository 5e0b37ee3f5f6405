/**
 * HTTP benchmark: ticket create and ticket list over HTTP on SQLite, next to a bare
 * Fastify + better-sqlite3 route doing one INSERT per request (the ceiling).
 *
 *   npx tsx bench/http.ts
 *
 * Three processes so the load generator never shares an event loop with a server:
 *   - this one runs autocannon (20 connections, loopback only);
 *   - a child runs Mesa (buildApp on SQLite in a temp dir), seeded with 100,000 tickets
 *     directly through the app's Kysely (not measured);
 *   - a child runs the bare route on its own temp database with the same pragmas.
 * Each scenario gets a short warm-up, then BENCH_SECONDS (default 10) of measured load.
 * Results: Markdown table on stdout and bench/results/http.json.
 *
 * Knobs (for quick runs only; the README figures use the defaults):
 *   BENCH_SECONDS=10 BENCH_TICKETS=100000 BENCH_CONNECTIONS=20 BENCH_WARMUP_SECONDS=2
 * For profiling: BENCH_ONLY=create,listQ (scenario keys), BENCH_KEEP_DATA=1 (keep Mesa's temp database),
 * BENCH_PROFILE_DIR=/tmp/prof (a .cpuprofile of Mesa per measured scenario),
 * BENCH_EXPERIMENTS=stmt-cache,no-touch (what-if patches, see applyExperiments),
 * BENCH_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (extra node flags for both servers).
 */
import { type ChildProcess, fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { sql } from "kysely";

const SELF = fileURLToPath(import.meta.url);
/** The README's main table is at 100,000 tickets; other sizes keep their own file (http-1000000.json). */
export const httpResultsName = () => {
  const n = Number(process.env.BENCH_TICKETS);
  return Number.isFinite(n) && n > 0 && n !== 100_000 ? `http-${n}` : "http";
};
const RESULTS_FILE = path.join(path.dirname(SELF), "results", `${httpResultsName()}.json`);

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const SECONDS = env("BENCH_SECONDS", 10);
const WARMUP_SECONDS = env("BENCH_WARMUP_SECONDS", 2);
const TICKETS = env("BENCH_TICKETS", 100_000);
const CONNECTIONS = env("BENCH_CONNECTIONS", 20);
const CLIENTS = 200;
/** Typed without accents; present (as «sincronización») in ~1% of the seeded tickets. */
const RARE_WORD = "sincronizacion";
/** In ~20% of the seeded tickets (titles and descriptions): past the search index's candidate cap. */
const COMMON_WORD = "impresora";

// ---------------------------------------------------------------------------------------------
// Deterministic Spanish-looking data
// ---------------------------------------------------------------------------------------------

/** Deterministic PRNG (mulberry32) so runs are comparable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

const COMPANY_KIND = [
  "Constructora",
  "Despacho Jurídico",
  "Clínica Dental",
  "Farmacéutica",
  "Distribuidora",
  "Comercializadora",
  "Transportes",
  "Consultores Contables",
  "Hotel",
  "Colegio",
  "Agencia Aduanal",
  "Laboratorio Clínico",
  "Ferretería",
  "Inmobiliaria",
  "Panificadora",
];
const COMPANY_NAME = [
  "Ñandú",
  "Peña",
  "Álvarez",
  "Ibáñez",
  "del Bajío",
  "Martínez",
  "Cañada",
  "Güemes",
  "Jiménez",
  "Núñez",
  "López",
  "Región Sureste",
  "Montaña Azul",
  "Pérez Hermanos",
  "Sánchez",
  "Ortíz",
  "Rodríguez",
  "Avilés",
  "Muñoz",
  "Belén",
];
const COMPANY_SUFFIX = ["S.A. de C.V.", "S.C.", "S. de R.L.", "", "y Asociados"];
const FIRST = [
  "Ana",
  "José",
  "María",
  "Raúl",
  "Sofía",
  "Héctor",
  "Lucía",
  "Andrés",
  "Mónica",
  "Íñigo",
  "Begoña",
  "Joaquín",
];
const LAST = [
  "Pérez",
  "Gómez",
  "Hernández",
  "Muñoz",
  "Díaz",
  "Ramírez",
  "Nuñez",
  "Ávila",
  "Orozco",
  "Gutiérrez",
];

const TITLE_PROBLEM = [
  "No enciende",
  "Falla intermitente de",
  "Lentitud en",
  "Error al iniciar",
  "Actualización pendiente de",
  "Configuración de",
  "Instalación de",
  "Sin acceso a",
  "Revisión preventiva de",
  "Cambio de contraseña en",
  "Respaldo fallido de",
  "Ruido extraño en",
];
const TITLE_OBJECT = [
  "la impresora de recepción",
  "el conmutador telefónico",
  "la VPN de la sucursal",
  "el servidor de archivos",
  "Microsip en contabilidad",
  "el Fortigate del corporativo",
  "el correo electrónico",
  "la red inalámbrica",
  "las cámaras de seguridad",
  "el equipo de la dirección",
  "el punto de venta",
  "Windows Server",
  "el antivirus",
  "el reloj checador",
];
const TITLE_PLACE = [
  "",
  " en Guadalajara",
  " en la oficina de Mérida",
  " del almacén",
  " de facturación",
  " en León",
];
const SENTENCES = [
  "El usuario reporta que desde ayer no puede trabajar con normalidad.",
  "Se reinició el equipo y el problema continúa.",
  "Aparece un mensaje de error en pantalla después de la actualización.",
  "La conexión a internet funciona, pero el sistema no responde.",
  "Solicitan atención lo antes posible porque afecta la facturación del día.",
  "El técnico anterior dejó una nota sobre el cableado del rack.",
  "Hay que revisar la configuración del enrutador y las políticas de acceso.",
  "El cliente pide que se le llame antes de acudir a sus oficinas.",
  "Se requiere cambiar el tóner y limpiar los rodillos de la impresora.",
  "La contraseña del administrador caducó y nadie recuerda la nueva.",
  "El disco duro hace ruido y el respaldo de la semana pasada no terminó.",
  "Necesitan dar de alta a dos empleados nuevos en el dominio.",
  "El módulo de nómina de Microsip marca un error de licencia.",
  "Los correos salientes rebotan con un aviso de buzón lleno.",
  "La señal inalámbrica es débil en la sala de juntas del segundo piso.",
  "Piden cotización para ampliar la memoria de tres equipos.",
  "El punto de venta se congela al imprimir el ticket de compra.",
  "Se detectó tráfico sospechoso en el firewall durante la madrugada.",
];
const RARE_SENTENCE = "Falla de sincronización del calendario compartido con los teléfonos.";

function ticketText(rand: () => number): { title: string; description: string } {
  const title = `${pick(rand, TITLE_PROBLEM)} ${pick(rand, TITLE_OBJECT)}${pick(rand, TITLE_PLACE)}`;
  const parts: string[] = [];
  const n = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) parts.push(pick(rand, SENTENCES));
  if (rand() < 0.01) parts.splice(Math.floor(rand() * (parts.length + 1)), 0, RARE_SENTENCE);
  return { title, description: parts.join(" ") };
}

// ---------------------------------------------------------------------------------------------
// Child process: Mesa, seeded
// ---------------------------------------------------------------------------------------------

interface MesaReady {
  type: "ready";
  port: number;
  token: string;
  clients: { id: string; contactId: string }[];
  techId: string;
  deepCursor: string;
  tickets: number;
  rareMatches: number;
  seedSeconds: number;
  rssAfterSeedMb: number;
  dataDir: string;
}

/** CPU time this server process has used so far (user + system, ms): cost per request, robust to a busy machine. */
function answerCpu(): void {
  const u = process.cpuUsage();
  process.send!({ type: "cpu", ms: (u.user + u.system) / 1000 });
}

/**
 * What-if switches for profiling, never for the README figures: they patch modules in this process
 * to estimate a fix outside bench/ before anyone makes it.
 *   stmt-cache: reuse better-sqlite3 statements per SQL text (Kysely's SQLite driver prepares every query)
 *   no-touch:   skip the api_tokens.last_used_at update done on every bearer request
 */
async function applyExperiments(): Promise<void> {
  const wanted = new Set(process.env.BENCH_EXPERIMENTS?.split(",").filter(Boolean));
  if (wanted.has("stmt-cache")) {
    const { default: SQLite } = await import("better-sqlite3");
    const proto = SQLite.prototype as unknown as { prepare(sql: string): unknown };
    const prepare = proto.prepare;
    const cache = new WeakMap<object, Map<string, unknown>>();
    proto.prepare = function (this: object, text: string) {
      const byDb = cache.get(this) ?? new Map<string, unknown>();
      cache.set(this, byDb);
      const stmt = byDb.get(text) ?? prepare.call(this, text);
      byDb.set(text, stmt);
      return stmt;
    };
  }
  if (wanted.has("no-touch")) {
    const { tokensRepo } = await import("../src/server/modules/users/repository.js");
    tokensRepo.touch = async () => [];
  }
}

/** The list's cursor (see tickets.ts) of the ticket 90% of the way down the queue order. */
async function deepCursor(db: import("kysely").Kysely<any>): Promise<string> {
  const r = await sql<{ urgent: number; due: string; id: string }>`select urgent, response_due_at as due, id
    from tickets order by urgent desc, response_due_at, id limit 1 offset ${Math.floor(TICKETS * 0.9)}`.execute(
    db,
  );
  const row = r.rows[0]!;
  return Buffer.from(JSON.stringify([row.urgent, row.due, row.id])).toString("base64url");
}

async function hasTable(db: import("kysely").Kysely<any>, name: string): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = ${name}`.execute(
    db,
  );
  return Number(r.rows[0]?.n) > 0;
}

interface ProfileMessage {
  type: "profile";
  action: "start" | "stop";
  file?: string;
}
let profiler: import("node:inspector/promises").Session | null = null;

/** CPU profile of the measured load only (seeding excluded), written as a .cpuprofile for DevTools/speedscope. */
async function profileControl(msg: ProfileMessage): Promise<void> {
  if (msg.action === "start") {
    const { Session } = await import("node:inspector/promises");
    profiler = new Session();
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.setSamplingInterval", { interval: 200 });
    await profiler.post("Profiler.start");
  } else if (profiler) {
    const { profile } = await profiler.post("Profiler.stop");
    fs.mkdirSync(path.dirname(msg.file!), { recursive: true });
    fs.writeFileSync(msg.file!, JSON.stringify(profile));
    profiler.disconnect();
    profiler = null;
  }
  process.send!({ type: "profiled" });
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function mesaChild(): Promise<void> {
  const { buildApp } = await import("../src/server/app.js");
  const { ticketSearchText } = await import("../src/server/modules/tickets/repository.js");
  const { businessCalendar } = await import("../src/server/modules/settings/settings.js");
  const { addBusinessMinutes } = await import("../src/domain/calendar/index.js");
  const { DEFAULT_SLA_TARGETS, responseTargetMinutes } = await import("../src/domain/sla.js");
  const { formatFolio } = await import("../src/domain/folio.js");
  const { foldForSearch } = await import("../src/domain/text.js");
  const { ADMIN, signIn } = await import("../test/client.js");
  await applyExperiments();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-http-"));
  const app = await buildApp({
    env: {
      MESA_DATA_DIR: dataDir,
      MESA_ADMIN_EMAIL: ADMIN.email,
      MESA_ADMIN_PASSWORD: ADMIN.password,
      MESA_WEB_DIST: "/nonexistent",
      MESA_RATE_LIMIT_PER_MINUTE: "100000000",
      MESA_JOBS: "false",
      LOG_LEVEL: "silent",
    },
    logger: false,
  });
  const db = app.ctx.db;
  const started = performance.now();
  const rand = rng(42);
  const now = Date.now();
  const nowIso = new Date(now).toISOString();

  // Staff: a dozen technicians to assign tickets to.
  const techs = Array.from({ length: 12 }, (_, i) => ({
    id: randomUUID(),
    email: `tecnico${i}@encor.mx`,
    name: `${pick(rand, FIRST)} ${pick(rand, LAST)}`,
    password_hash: null,
    roles: JSON.stringify(["technician"]),
    skills: JSON.stringify([]),
    client_id: null,
    locale: "es-MX",
    active: 1 as const,
    created_at: nowIso,
    updated_at: nowIso,
  }));
  await db.insertInto("users").values(techs).execute();

  // ~200 clients, one contact each, 40% with an active contract.
  const clientRows = Array.from({ length: CLIENTS }, (_, i) => {
    const name =
      `${pick(rand, COMPANY_KIND)} ${pick(rand, COMPANY_NAME)} ${pick(rand, COMPANY_SUFFIX)}`.trim();
    const rfc = `B${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}${String(100000 + i).slice(1)}X${i % 10}`;
    return {
      id: randomUUID(),
      name: `${name} #${i + 1}`,
      rfc,
      phone: `55${String(10000000 + i * 7919).slice(0, 8)}`,
      email: `contacto${i}@cliente${i}.mx`,
      billing_address: null,
      payment_terms: "cash" as const,
      credit_days: null,
      credit_limit_cents: null,
      credit_approved_by: null,
      credit_approved_at: null,
      account_technician_id: null,
      notes: null,
      search_text: foldForSearch(`${name} #${i + 1} ${rfc}`),
      created_at: nowIso,
      updated_at: nowIso,
    };
  });
  await db.insertInto("clients").values(clientRows).execute();
  const contactRows = clientRows.map((c) => {
    const name = `${pick(rand, FIRST)} ${pick(rand, LAST)}`;
    return {
      id: randomUUID(),
      client_id: c.id,
      name,
      email: null,
      phone: null,
      position: "Encargado de sistemas",
      search_text: foldForSearch(name),
      created_at: nowIso,
      updated_at: nowIso,
    };
  });
  await db.insertInto("contacts").values(contactRows).execute();
  const contractOf = new Map<string, string>();
  const contractRows = clientRows
    .filter(() => rand() < 0.4)
    .map((c) => {
      const id = randomUUID();
      contractOf.set(c.id, id);
      return {
        id,
        client_id: c.id,
        type: pick(rand, ["SH", "SF", "SS"] as const),
        starts_on: "2015-01-01",
        ends_on: null,
        monthly_fee_cents: 350000,
        included_minutes_per_month: 600,
        overage_rate_cents: 90000,
        sla_normal_minutes: null,
        sla_urgent_minutes: null,
        notes: null,
        cancelled_at: null,
        created_at: nowIso,
        updated_at: nowIso,
      };
    });
  await db.insertInto("contracts").values(contractRows).execute();

  // 100,000 tickets over the last three years, oldest first so folios follow received order.
  const cal = await businessCalendar(app.ctx);
  const span = 3 * 365 * 86_400_000;
  const recent = now - 30 * 86_400_000;
  const categories = ["soporte", "redes", "fortigate", "hosting", "windows-server", "microsip", null];
  const channels = ["phone", "email", "portal", "walk_in"] as const;
  const seqByYear = new Map<number, number>();
  const rowFor = (i: number) => {
    const receivedMs = Math.floor(now - span + (i / TICKETS) * (span - 3_600_000) + rand() * 60_000);
    const year = new Date(receivedMs).getUTCFullYear();
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    const folio = formatFolio(year, seq);
    const ci = Math.floor(rand() * clientRows.length);
    const c = clientRows[ci]!;
    const contact = contactRows[ci]!;
    const contractId = contractOf.get(c.id) ?? null;
    const kind = contractId ? "contract" : "event";
    const urgent = rand() < 0.15;
    const dueMs = addBusinessMinutes(
      cal,
      receivedMs,
      responseTargetMinutes(kind, urgent, DEFAULT_SLA_TARGETS),
    );
    // Old tickets are mostly closed, with a tail stuck open; the last month is spread over the workflow.
    const r = rand();
    const status =
      receivedMs < recent
        ? r < 0.92
          ? "closed"
          : r < 0.96
            ? "cancelled"
            : r < 0.975
              ? "reviewed"
              : r < 0.985
                ? "attended"
                : r < 0.99
                  ? "in_progress"
                  : r < 0.995
                    ? "assigned"
                    : "new"
        : pick(rand, [
            "new",
            "new",
            "assigned",
            "assigned",
            "in_progress",
            "attended",
            "reviewed",
            "closed",
          ] as const);
    const responded = status !== "new" && status !== "assigned" && status !== "cancelled";
    const respondedMs = responded ? receivedMs + Math.floor(rand() * 8 * 3_600_000) : null;
    const raw = responded ? Math.floor(rand() * 240) : 0;
    const { title, description } = ticketText(rand);
    const receivedIso = new Date(receivedMs).toISOString();
    const closedIso = status === "closed" ? new Date(receivedMs + 3 * 86_400_000).toISOString() : null;
    return {
      id: randomUUID(),
      folio,
      client_id: c.id,
      contact_id: contact.id,
      title,
      description,
      urgent: urgent ? 1 : 0,
      channel: pick(rand, channels),
      category: pick(rand, categories),
      service_kind: kind,
      contract_id: contractId,
      status,
      assignee_id: status === "new" ? null : pick(rand, techs).id,
      received_at: receivedIso,
      response_due_at: new Date(dueMs).toISOString(),
      responded_at: respondedMs === null ? null : new Date(respondedMs).toISOString(),
      estimated_solution_minutes: 480,
      estimated_solution_at: new Date(addBusinessMinutes(cal, receivedMs, 480)).toISOString(),
      raw_minutes: raw,
      billable_minutes: status === "reviewed" || status === "closed" ? Math.ceil(raw / 15) * 15 : null,
      billing_status: status === "closed" ? "invoiced" : "pending",
      accepted_at: null,
      accepted_by_name: null,
      accepted_via: null,
      acceptance_override_reason: null,
      unknown_sender: 0,
      search_text: ticketSearchText({ folio, title, description, clientName: c.name }),
      created_by: null,
      created_at: receivedIso,
      updated_at: closedIso ?? receivedIso,
      closed_at: closedIso,
      version: 1,
    } as const;
  };
  // One transaction, one prepared multi-row INSERT (compiled once, reused for every batch) on a second
  // connection to the same file: a million tickets go in without Kysely compiling a million rows.
  const { default: SQLite } = await import("better-sqlite3");
  const raw = new SQLite(path.join(dataDir, "mesa.sqlite"));
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.pragma("cache_size = -200000");
  const columns = Object.keys(rowFor(0));
  seqByYear.clear();
  const BATCH = 200; // 33 columns × 200 rows stays under SQLite's 32,766 bound parameters
  const statement = (n: number) =>
    raw.prepare(
      `insert into tickets (${columns.join(", ")}) values ${Array(n)
        .fill(`(${columns.map(() => "?").join(", ")})`)
        .join(", ")}`,
    );
  const full = statement(BATCH);
  let rareMatches = 0;
  raw.transaction(() => {
    const values: unknown[] = [];
    for (let i = 0; i < TICKETS; i++) {
      const row = rowFor(i) as Record<string, unknown>;
      if ((row.search_text as string).includes(RARE_WORD)) rareMatches++;
      for (const c of columns) values.push(row[c]);
      if ((i + 1) % BATCH === 0) {
        full.run(values);
        values.length = 0;
      }
    }
    if (values.length) statement(values.length / columns.length).run(values);
  })();
  raw.close();
  for (const [year, last] of seqByYear) {
    await db
      .insertInto("folio_counters")
      .values({ year, last_value: last })
      .onConflict((oc) => oc.column("year").doUpdateSet({ last_value: last }))
      .execute();
  }
  // Seeding wrote the search index in 10 big transactions, leaving segments that FTS5 would merge
  // bit by bit on later writes (slowing the measured creates); a real index built one ticket at a
  // time, or by migration 003's backfill, has no such backlog.
  if (await hasTable(db, "tickets_fts"))
    await sql`insert into tickets_fts (tickets_fts) values ('optimize')`.execute(db);
  const seedSeconds = (performance.now() - started) / 1000;

  const caller = await signIn(app, ADMIN.email, ADMIN.password);
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const ready: MesaReady = {
    type: "ready",
    port,
    token: caller.token!,
    clients: clientRows.map((c, i) => ({ id: c.id, contactId: contactRows[i]!.id })),
    techId: techs[0]!.id,
    deepCursor: await deepCursor(db),
    tickets: TICKETS,
    rareMatches,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    rssAfterSeedMb: mb(process.memoryUsage().rss),
    dataDir,
  };
  process.send!(ready);
  process.on("message", async (msg: { type: string }) => {
    if (msg.type === "cpu") {
      answerCpu();
    } else if (msg.type === "profile") {
      await profileControl(msg as ProfileMessage);
    } else if (msg.type === "stats") {
      const count = await db
        .selectFrom("tickets")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      process.send!({ type: "stats", rssMb: mb(process.memoryUsage().rss), tickets: Number(count.n) });
    } else if (msg.type === "exit") {
      await app.close();
      if (process.env.BENCH_KEEP_DATA) console.error(`Mesa data kept in ${dataDir}`);
      else fs.rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Child process: the bare route (the ceiling)
// ---------------------------------------------------------------------------------------------

/**
 * The ceiling: one prepared INSERT into Mesa's own tickets table, built by Mesa's migrations (same
 * columns, indexes, foreign keys and search-index triggers), so the ratio compares like with like.
 */
async function bareChild(): Promise<void> {
  const { default: Fastify } = await import("fastify");
  const { openDatabase } = await import("../src/server/platform/database/database.js");
  const { migrateToLatest } = await import("../src/server/platform/database/migrate.js");
  const { default: SQLite } = await import("better-sqlite3");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-bare-"));
  const migrated = openDatabase({ dataDir: dir });
  await migrateToLatest(migrated);
  await migrated.close();
  const sqlite = new SQLite(path.join(dir, "mesa.sqlite"));
  // The same pragmas as src/server/platform/database/database.ts.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const clients = await nextMessage<{ clients: { id: string; contactId: string }[] }>(process, "clients");
  const at0 = new Date().toISOString();
  const addClient = sqlite.prepare(
    "insert into clients (id, name, search_text, created_at, updated_at) values (?, ?, ?, ?, ?)",
  );
  const addContact = sqlite.prepare(
    "insert into contacts (id, client_id, name, search_text, created_at, updated_at) values (?, ?, ?, ?, ?, ?)",
  );
  sqlite.transaction(() => {
    for (const c of clients.clients) {
      addClient.run(c.id, `Cliente ${c.id}`, `cliente ${c.id}`, at0, at0);
      addContact.run(c.contactId, c.id, "Contacto", "contacto", at0, at0);
    }
  })();
  const insert = sqlite.prepare(`insert into tickets
    (id, folio, client_id, contact_id, title, description, urgent, channel, category, service_kind,
     contract_id, status, assignee_id, received_at, response_due_at, responded_at,
     estimated_solution_minutes, estimated_solution_at, raw_minutes, billable_minutes, billing_status,
     accepted_at, accepted_by_name, accepted_via, acceptance_override_reason, unknown_sender, search_text,
     created_by, created_at, updated_at, closed_at, version, escalation_level)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'event', null, 'new', null, ?, ?, null, null, null, 0, null,
     'pending', null, null, null, null, 0, ?, null, ?, ?, null, 1, 0)`);
  let seq = 0;
  const app = Fastify({ logger: false });
  app.post("/bare/tickets", async (req, reply) => {
    const b = req.body as Record<string, unknown>;
    const id = randomUUID();
    const folio = `OS-2026-${String(++seq).padStart(6, "0")}`;
    const at = new Date().toISOString();
    const title = String(b.title);
    const description = String(b.description ?? "");
    insert.run(
      id,
      folio,
      String(b.clientId),
      (b.contactId as string | null) ?? null,
      title,
      description,
      b.urgent ? 1 : 0,
      String(b.channel),
      (b.category as string | null) ?? null,
      at,
      at,
      `${folio} ${title} ${description}`.toLowerCase(),
      at,
      at,
    );
    return reply.status(201).send({ id, folio });
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  process.send!({ type: "ready", port: typeof address === "object" && address ? address.port : 0 });
  process.on("message", async (msg: { type: string }) => {
    if (msg.type === "cpu") {
      answerCpu();
    } else if (msg.type === "exit") {
      await app.close();
      sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Parent: load generation and report
// ---------------------------------------------------------------------------------------------

function spawnChild(role: "mesa" | "bare"): ChildProcess {
  return fork(SELF, [`--role=${role}`], {
    execArgv: ["--import", "tsx", ...(process.env.BENCH_CHILD_NODE_ARGS?.split(" ").filter(Boolean) ?? [])],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, DATABASE_URL: "" },
  });
}

function nextMessage<T>(child: ChildProcess | NodeJS.Process, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: { type: string }) => {
      if (msg.type !== type) return;
      cleanup();
      resolve(msg as T);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child exited (${code}) before sending ${type}`));
    };
    const cleanup = () => {
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.send({ type: "exit" });
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

interface Scenario {
  key: string;
  label: string;
  url: string;
  method: "GET" | "POST";
  token?: string;
  body?: () => string;
  server: ChildProcess;
}

/** Raw samples of one or more rounds of one scenario; rounds are merged before the percentiles. */
interface Samples {
  latencies: number[];
  seconds: number;
  serverCpuMs: number;
  errors: number;
  non2xx: number;
}

const emptySamples = (): Samples => ({ latencies: [], seconds: 0, serverCpuMs: 0, errors: 0, non2xx: 0 });

/** Runs one round and appends every response time (ms) to `into`. */
async function load(s: Scenario, seconds: number, into: Samples = emptySamples()): Promise<Samples> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (s.token) headers.authorization = `Bearer ${s.token}`;
  const cpu0 = await serverCpuMs(s.server);
  const t0 = performance.now();
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance: autocannon.Instance = autocannon(
      {
        url: s.url,
        connections: CONNECTIONS,
        duration: seconds,
        method: s.method,
        headers,
        requests: [
          {
            method: s.method,
            ...(s.body ? { setupRequest: (req: any) => ({ ...req, body: s.body!() }) } : {}),
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) into.latencies.push(ms);
      else into.non2xx++;
    });
  });
  into.seconds += (performance.now() - t0) / 1000;
  into.serverCpuMs += (await serverCpuMs(s.server)) - cpu0;
  into.errors += r.errors + r.timeouts;
  return into;
}

const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;

async function profile(server: ChildProcess, action: "start" | "stop", name = ""): Promise<void> {
  if (!PROFILE_DIR) return;
  const done = nextMessage(server, "profiled");
  server.send({ type: "profile", action, file: path.resolve(PROFILE_DIR, `${name}.cpuprofile`) });
  await done;
}

async function serverCpuMs(server: ChildProcess): Promise<number> {
  const answer = nextMessage<{ ms: number }>(server, "cpu");
  server.send({ type: "cpu" });
  return (await answer).ms;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)]! * 100) / 100;
}

function summarize(key: string, m: Samples, out: Record<string, number | string>): void {
  const sorted = Float64Array.from(m.latencies).sort();
  const arr = Array.from(sorted);
  out[`${key}Rps`] = Math.round(m.latencies.length / m.seconds);
  out[`${key}P50Ms`] = percentile(arr, 50);
  out[`${key}P99Ms`] = percentile(arr, 99);
  out[`${key}Requests`] = m.latencies.length;
  out[`${key}ServerCpuUsPerReq`] = Math.round(
    (m.serverCpuMs * 1000) / Math.max(1, m.latencies.length + m.non2xx),
  );
  out[`${key}Non2xx`] = m.non2xx;
  out[`${key}Errors`] = m.errors;
}

const loadAvg = () => os.loadavg()[0]!.toFixed(2);

export async function runHttpBench(): Promise<Record<string, number | string>> {
  const started = performance.now();
  const mesa = spawnChild("mesa");
  const bare = spawnChild("bare");
  try {
    const ready = await nextMessage<MesaReady>(mesa, "ready");
    // The bare table references the same clients and contacts the creates name.
    const bareStarted = nextMessage<{ port: number }>(bare, "ready");
    bare.send({ type: "clients", clients: ready.clients });
    const bareReady = await bareStarted;
    const rand = rng(7);
    const createBody = () => {
      const c = pick(rand, ready.clients);
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
    const base = `http://127.0.0.1:${ready.port}`;
    // Lists first, so they read exactly the seeded 100,000 tickets; then the two inserts side by side.
    const scenarios: Scenario[] = [
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
        key: "listQ",
        label: `GET /api/tickets?limit=50&q=${RARE_WORD}`,
        url: `${base}/api/tickets?limit=50&q=${RARE_WORD}`,
        method: "GET",
        server: mesa,
      },
      {
        key: "bare",
        label: "bare Fastify + better-sqlite3, 1 INSERT",
        url: `http://127.0.0.1:${bareReady.port}/bare/tickets`,
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
    const out: Record<string, number | string> = {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? "?"})`,
      connections: CONNECTIONS,
      secondsPerScenario: SECONDS,
      tickets: ready.tickets,
      rareWordMatches: ready.rareMatches,
      seedSeconds: ready.seedSeconds,
      rssAfterSeedMb: ready.rssAfterSeedMb,
    };
    const only = process.env.BENCH_ONLY?.split(",");
    if (only) scenarios.splice(0, scenarios.length, ...scenarios.filter((x) => only.includes(x.key)));
    const withToken = (s: Scenario) => ({ ...s, token: s.key === "bare" ? undefined : ready.token });
    const loads: string[] = [];
    for (const s of scenarios.filter((x) => x.method === "GET")) {
      await load(withToken(s), WARMUP_SECONDS);
      loads.push(loadAvg());
      await profile(mesa, "start");
      summarize(s.key, await load(withToken(s), SECONDS), out);
      await profile(mesa, "stop", s.key);
    }
    // The create/bare ratio is what matters: interleave them (two rounds each) so background load on
    // the machine hits both alike, and merge each one's rounds before taking percentiles.
    const inserts = scenarios.filter((x) => x.method === "POST");
    for (const s of inserts) await load(withToken(s), WARMUP_SECONDS);
    const samples = new Map(inserts.map((s) => [s.key, emptySamples()]));
    for (let round = 0; round < 2; round++) {
      for (const s of inserts) {
        loads.push(loadAvg());
        if (s.server === mesa) await profile(mesa, "start");
        await load(withToken(s), SECONDS / 2, samples.get(s.key));
        if (s.server === mesa) await profile(mesa, "stop", `${s.key}-${round + 1}`);
      }
    }
    for (const s of inserts) summarize(s.key, samples.get(s.key)!, out);
    loads.push(loadAvg());
    out.loadAverage1m = loads.join(" ");
    const stats = await (async () => {
      const p = nextMessage<{ rssMb: number; tickets: number }>(mesa, "stats");
      mesa.send({ type: "stats" });
      return p;
    })();
    out.rssAfterRunMb = stats.rssMb;
    out.ticketsAfterRun = stats.tickets;
    out.createToBareRatio = Math.round(((out.createRps as number) / (out.bareRps as number)) * 1000) / 1000;
    out.targetCreateAtLeast40PctOfBare = (out.createToBareRatio as number) >= 0.4 ? "met" : "missed";
    const worstListP99 = Math.max(
      ...scenarios.filter((x) => x.key.startsWith("list")).map((x) => out[`${x.key}P99Ms`] as number),
    );
    out.targetListP99Under50Ms = worstListP99 < 50 ? "met" : "missed";
    out.totalSeconds = Math.round((performance.now() - started) / 100) / 10;
    if (only) out.partial = "yes";
    // A partial run (profiling) must not overwrite the committed figures.
    if (!only) {
      fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
      fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(out, null, 2)}\n`);
    }
    return out;
  } finally {
    await Promise.all([stopChild(mesa), stopChild(bare)]);
  }
}

export function formatHttpBench(r: Record<string, number | string>): string {
  const n = (k: string) =>
    typeof r[k] === "number" ? (r[k] as number).toLocaleString("en-US") : String(r[k]);
  const row = (key: string, label: string) =>
    `| ${label} | ${n(`${key}Rps`)} | ${n(`${key}P50Ms`)} | ${n(`${key}P99Ms`)} | ${n(`${key}ServerCpuUsPerReq`)} | ${n(`${key}Non2xx`)} |`;
  return [
    `${n("tickets")} tickets on SQLite, ${n("connections")} connections, ${n("secondsPerScenario")} s per scenario (${n("platform")}, node ${n("node")})`,
    "",
    "| Scenario | req/s | p50 ms | p99 ms | server CPU µs/req | non-2xx |",
    "|---|---:|---:|---:|---:|---:|",
    row("create", "POST /api/tickets (create)"),
    row("bare", "bare Fastify + better-sqlite3, one INSERT into the same tickets table"),
    row("listDefault", "GET /api/tickets?limit=50 (queue order)"),
    row("listStatus", "GET …&status=new,assigned"),
    row("listAssignee", "GET …&assigneeId=… (one technician)"),
    row("listClient", "GET …&clientId=… (one client)"),
    row("listBreached", "GET …&breached=true"),
    row("listDeep", "GET …&cursor=… (a page 90% into the queue)"),
    row("listQ", `GET …&q=${RARE_WORD} (rare: ${n("rareWordMatches")} matches, under the candidate cap)`),
    row("listQCommon", `GET …&q=${COMMON_WORD} (common: past the candidate cap)`),
    "",
    `| Measure | Value |`,
    "|---|---:|",
    `| create / bare throughput | ${n("createToBareRatio")} (target ≥ 0.4: ${n("targetCreateAtLeast40PctOfBare")}) |`,
    `| worst list p99 < 50 ms | ${n("targetListP99Under50Ms")} |`,
    `| RSS after seeding | ${n("rssAfterSeedMb")} MB |`,
    `| RSS after the run | ${n("rssAfterRunMb")} MB |`,
    `| seeding (not measured) | ${n("seedSeconds")} s |`,
    `| machine 1-min load average during the run | ${n("loadAverage1m")} |`,
  ].join("\n");
}

const role = process.argv.find((a) => a.startsWith("--role="))?.slice(7);
if (role === "mesa") {
  await mesaChild();
} else if (role === "bare") {
  await bareChild();
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const results = await runHttpBench();
  console.log(formatHttpBench(results));
  console.log(`\n(total ${results.totalSeconds} s; JSON in ${path.relative(process.cwd(), RESULTS_FILE)})`);
}
