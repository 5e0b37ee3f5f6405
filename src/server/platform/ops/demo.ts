/**
 * `npm run demo`: fills a fresh install with a believable month of a Mexican IT firm, through the
 * services (so folios, deadlines, history and totals are what real use would have made), and prints
 * the accounts to sign in with. Refuses a database that already has tickets unless `--force`.
 */
import { pathToFileURL } from "node:url";
import type { AppContext } from "../../context.js";
import { toUser, usersRepo } from "../../modules/users/repository.js";
import { bootstrapAdmin } from "../../modules/users/users.js";
import { loadConfig } from "../config.js";
import { openDatabase } from "../database/database.js";
import { migrateToLatest } from "../database/migrate.js";
import { DEMO_PASSWORD, DEMO_USERS, STATUS_PLAN } from "./demo-data.js";
import { actorOf, demoClients, demoClock, demoUsers, receivedAt, statusOrder } from "./demo-seed.js";
import { demoTicket } from "./demo-tickets.js";

export class DemoRefused extends Error {}

export interface DemoSummary {
  password: string;
  accounts: { email: string; name: string; roles: string[] }[];
  clients: number;
  contacts: number;
  tickets: Record<string, number>;
  surveys: number;
}

async function firstAdmin(ctx: AppContext) {
  const admin = (await usersRepo.list(ctx.db)).map(toUser).find((u) => u.active && u.roles.includes("admin"));
  if (!admin) throw new DemoRefused("No hay administrador: define MESA_ADMIN_EMAIL y MESA_ADMIN_PASSWORD.");
  return actorOf(admin);
}

export async function seedDemo(base: AppContext, opts: { force?: boolean } = {}): Promise<DemoSummary> {
  const existing = await base.db
    .selectFrom("tickets")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0 && !opts.force)
    throw new DemoRefused(
      "La base de datos ya tiene tickets: la demostración es para una instalación nueva.",
    );
  const clock = demoClock(base);
  const { ctx } = clock;
  const admin = await firstAdmin(ctx);
  const people = await demoUsers(ctx, admin);
  const clients = await demoClients(ctx, people);
  const order = statusOrder();
  let surveys = 0;
  for (const [index, final] of order.entries()) {
    const daysAgo = Math.round(30 - (30 * index) / order.length);
    const received = receivedAt(clock.realNow, daysAgo, index % 60);
    // `clients` is the demo's fixed, non-empty list: a modulo index is always inside it.
    const client = clients[(index * 5) % clients.length]!;
    surveys += await demoTicket({ ctx, people, at: clock.at }, { index, final, received, client });
  }
  return {
    password: DEMO_PASSWORD,
    accounts: DEMO_USERS.map((u) => ({ email: u.email, name: u.name, roles: u.roles })),
    clients: clients.length,
    contacts: clients.reduce((n, c) => n + c.contacts.length, 0),
    tickets: { ...STATUS_PLAN },
    surveys,
  };
}

async function main(): Promise<void> {
  const config = loadConfig(process.env, { jobsEnabled: false });
  const database = openDatabase(config);
  try {
    await migrateToLatest(database);
    const ctx: AppContext = { db: database.db, dialect: database.dialect, config, clock: () => new Date() };
    await bootstrapAdmin(ctx);
    const summary = await seedDemo(ctx, { force: process.argv.includes("--force") });
    const total = Object.values(summary.tickets).reduce((a, b) => a + b, 0);
    console.log(
      `Demostración lista: ${summary.clients} clientes, ${summary.contacts} contactos, ${total} tickets.`,
    );
    console.log(`Cuentas (contraseña «${summary.password}»):`);
    for (const a of summary.accounts)
      console.log(`  ${a.email.padEnd(34)} ${a.name} (${a.roles.join(", ")})`);
    console.log("  y el administrador de MESA_ADMIN_EMAIL.");
  } catch (err) {
    if (!(err instanceof DemoRefused)) throw err;
    console.error(`${err.message} Usa --force para agregarla de todos modos.`);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
