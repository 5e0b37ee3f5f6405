/**
 * `npm run demo`: fills a fresh install with a believable month of a Mexican IT firm, through the
 * services (so folios, deadlines, history and totals are what real use would have made), and prints
 * the accounts to sign in with. Refuses a database that already has tickets unless `--force`.
 */
import type { Actor, AppContext } from "../../context.js";
import { getCompany, saveCompany } from "../../modules/settings/company.js";
import { businessCalendar } from "../../modules/settings/settings.js";
import { ticketsRepo } from "../../modules/tickets/repository.js";
import { toUser, usersRepo } from "../../modules/users/repository.js";
import { bootstrapAdmin } from "../../modules/users/users.js";
import { loadConfig } from "../config.js";
import { openDatabase } from "../database/database.js";
import { migrateToLatest } from "../database/migrate.js";
import { DEMO_PASSWORD, DEMO_USERS, STATUS_PLAN } from "./demo-data.js";
import {
  actorOf,
  cycle,
  demoClients,
  demoClock,
  demoPortal,
  demoRates,
  demoUsers,
  person,
  receivedAt,
  statusOrder,
} from "./demo-seed.js";
import { demoTicket } from "./demo-tickets.js";
import { isEntryPoint } from "./entry-point.js";

export class DemoRefused extends Error {}

export interface DemoSummary {
  password: string;
  /** The administrator the demo was made with (its own password, not the demo's). */
  admin: string;
  accounts: { email: string; name: string; roles: string[] }[];
  clients: number;
  contacts: number;
  tickets: Record<string, number>;
  surveys: number;
  /** Client contacts invited to the portal (they sign in with a mailed link). */
  portal: { email: string; name: string }[];
}

async function firstAdmin(ctx: AppContext) {
  const admin = (await usersRepo.list(ctx.db)).map(toUser).find((u) => u.active && u.roles.includes("admin"));
  if (!admin)
    throw new DemoRefused(
      "No hay administrador: abre la app web y completa la configuración inicial, o define MESA_ADMIN_EMAIL y MESA_ADMIN_PASSWORD.",
    );
  return actorOf(admin);
}

/** The printed account list speaks Spanish like the rest of the command. */
const ROLE_NAMES: Record<string, string> = {
  reception: "Recepción",
  technician: "Técnico",
  senior: "Técnico Senior",
  leader: "Líder de proyecto",
  sales: "Ventas",
  admin: "Administrador",
};

/** The firm's own data (Empresa page, login screen, documents), kept where the setup page already wrote some. */
async function demoCompany(ctx: AppContext, admin: Actor): Promise<void> {
  const current = await getCompany(ctx, admin);
  const keep = <T>(value: T | null, demo: T) => (value === null || value === "" ? demo : value);
  await saveCompany(ctx, admin, {
    name: keep(current.name, "Encor S.A. de C.V."),
    rfc: keep(current.rfc, "ENC050101AB9"),
    supportEmail: keep(current.supportEmail, "soporte@demo.encor.example"),
    supportPhone: keep(current.supportPhone, "33 3615 0000"),
    address: keep(current.address, "Av. Américas 1500, Providencia, 44630 Guadalajara, Jal."),
    openingHoursText: keep(current.openingHoursText, "Lunes a viernes de 9:00 a 17:00"),
    version: current.version,
  });
}

export async function seedDemo(base: AppContext, opts: { force?: boolean } = {}): Promise<DemoSummary> {
  if ((await ticketsRepo.hasAny(base.db)) && !opts.force)
    throw new DemoRefused(
      "La base de datos ya tiene tickets: la demostración es para una instalación nueva. Usa --force para agregarla de todos modos.",
    );
  const clock = demoClock(base);
  const { ctx } = clock;
  const admin = await firstAdmin(ctx);
  await demoCompany(ctx, admin);
  const people = await demoUsers(ctx, admin);
  const clients = await demoClients(ctx, people);
  await demoRates(ctx, person(people, "sales"));
  const portal = await demoPortal(ctx, person(people, "reception"), clients);
  const order = statusOrder();
  const calendar = await businessCalendar(ctx);
  let surveys = 0;
  for (const [index, final] of order.entries()) {
    const daysAgo = Math.round(30 - (30 * index) / order.length);
    const received = receivedAt(calendar, clock.realNow, daysAgo, index % 60);
    const client = cycle(clients, index * 5);
    surveys += await demoTicket({ ctx, people, at: clock.at }, { index, final, received, client });
  }
  return {
    password: DEMO_PASSWORD,
    admin: admin.email,
    accounts: DEMO_USERS.map((u) => ({ email: u.email, name: u.name, roles: u.roles })),
    clients: clients.length,
    contacts: clients.reduce((n, c) => n + c.contacts.length, 0),
    tickets: { ...STATUS_PLAN },
    surveys,
    portal,
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
      console.log(`  ${a.email.padEnd(34)} ${a.name} (${a.roles.map((r) => ROLE_NAMES[r] ?? r).join(", ")})`);
    console.log(`  ${summary.admin.padEnd(34)} Administrador (con su propia contraseña)`);
    console.log("Portal de clientes (/portal; entran con un enlace que llega por correo):");
    for (const p of summary.portal) console.log(`  ${p.email.padEnd(34)} ${p.name}`);
  } catch (err) {
    if (!(err instanceof DemoRefused)) throw err;
    console.error(err.message);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

if (isEntryPoint(import.meta.url)) await main();
