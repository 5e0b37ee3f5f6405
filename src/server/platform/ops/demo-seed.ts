import { DateTime } from "luxon";
import { UserBody } from "../../../contract/auth.js";
import { RateBody } from "../../../contract/billing.js";
import { ClientBody, ClientPatch, ContactBody, ContractBody } from "../../../contract/clients.js";
import { isOpen } from "../../../domain/calendar/arithmetic.js";
import type { BusinessCalendar } from "../../../domain/calendar/calendar.js";
import type { Actor, AppContext } from "../../context.js";
import { createRate, listRates } from "../../modules/billing/rates.js";
import { createClient, updateClient } from "../../modules/clients/clients.js";
import { createContact } from "../../modules/clients/contacts.js";
import { clientsRepo, contactsRepo, contractsRepo } from "../../modules/clients/repository.js";
import { createContract } from "../../modules/contracts/contracts.js";
import { invitePortalUser } from "../../modules/users/portal-users.js";
import { toUser, usersRepo } from "../../modules/users/repository.js";
import { createUser } from "../../modules/users/users.js";
import { DEMO_CLIENTS, DEMO_PASSWORD, DEMO_USERS, type DemoClient, STATUS_PLAN } from "./demo-data.js";

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export function actorOf(user: ReturnType<typeof toUser>): Actor {
  return { ...user, locale: "es-MX", via: "token", sessionId: null, csrfToken: null };
}

/**
 * A clock the demo sets to each step of each ticket, never past the real now. It goes back when the
 * next ticket starts: walking tickets one after another on one forward-only clock answered every
 * ticket days after its call, and the demo month looked always late.
 */
export function demoClock(ctx: AppContext) {
  const realNow = ctx.clock().getTime();
  let cur = realNow - 40 * DAY;
  const clocked: AppContext = { ...ctx, clock: () => new Date(cur) };
  return {
    ctx: clocked,
    realNow,
    at: (ms: number) => {
      cur = Math.min(ms, realNow);
      return cur;
    },
  };
}

export async function demoUsers(ctx: AppContext, admin: Actor): Promise<Record<string, Actor>> {
  const out: Record<string, Actor> = { admin };
  for (const { key, ...u } of DEMO_USERS) {
    const existing = await usersRepo.byEmail(ctx.db, u.email);
    const user = existing
      ? toUser(existing)
      : await createUser(ctx, admin, UserBody.parse({ ...u, password: DEMO_PASSWORD }));
    out[key] = actorOf(user);
  }
  return out;
}

/** One of the demo's people by key (DEMO_USERS' keys, or "admin"); a key not there is a typo in the plan. */
export function person(people: Record<string, Actor>, key: string): Actor {
  const actor = people[key];
  if (!actor) throw new Error(`Demo person "${key}" is not among DEMO_USERS`);
  return actor;
}

/** The item at `i` of a fixed demo list, wrapping around; the lists are never empty. */
export function cycle<T>(list: readonly T[], i: number): T {
  const item = list[i % list.length];
  if (item === undefined) throw new Error("cycle() over an empty demo list");
  return item;
}

export interface SeededClient {
  id: string;
  contract: boolean;
  contacts: { id: string; name: string }[];
}

/** A demo client already there (a second run with --force) is reused with its contacts. */
async function existingClient(ctx: AppContext, rfc: string): Promise<SeededClient | null> {
  const row = await clientsRepo.byRfc(ctx.db, rfc);
  if (!row) return null;
  const contacts = await contactsRepo.list(ctx.db, { clientId: row.id, terms: [], limit: 50 });
  const contracts = await contractsRepo.list(ctx.db, row.id);
  return {
    id: row.id,
    contract: contracts.length > 0,
    contacts: contacts.map((c) => ({ id: c.id, name: c.name })),
  };
}

async function newClient(
  ctx: AppContext,
  people: Record<string, Actor>,
  c: DemoClient,
): Promise<SeededClient> {
  const body = { name: c.name, rfc: c.rfc, phone: c.phone, billingAddress: c.address };
  const client = await createClient(ctx, person(people, "reception"), ClientBody.parse(body));
  const contacts = [];
  for (const p of c.contacts) {
    const contact = await createContact(
      ctx,
      person(people, "reception"),
      ContactBody.parse({ clientId: client.id, ...p }),
    );
    contacts.push({ id: contact.id, name: contact.name });
  }
  const billing = c.billingContact === undefined ? undefined : contacts[c.billingContact];
  if (billing) {
    const patch = ClientPatch.parse({ version: client.version, billingContactId: billing.id });
    await updateClient(ctx, person(people, "reception"), client.id, patch);
  }
  if (c.contract) {
    const fee = { SH: 180_000, SF: 320_000, SS: 450_000 }[c.contract];
    const contract = { clientId: client.id, type: c.contract, startsOn: "2025-01-01", monthlyFeeCents: fee };
    const extra = c.contract === "SS" ? { includedMinutesPerMonth: 600, overageRateCents: 85_000 } : {};
    await createContract(ctx, person(people, "sales"), ContractBody.parse({ ...contract, ...extra }));
  }
  return { id: client.id, contract: c.contract !== null, contacts };
}

export async function demoClients(ctx: AppContext, people: Record<string, Actor>): Promise<SeededClient[]> {
  const out: SeededClient[] = [];
  for (const c of DEMO_CLIENTS)
    out.push((await existingClient(ctx, c.rfc)) ?? (await newClient(ctx, people, c)));
  return out;
}

/** Final statuses oldest first: finished work a month ago, fresh calls today. */
export function statusOrder(): string[] {
  const order = ["closed", "reviewed", "attended", "in_progress", "assigned", "new"];
  const list = order.flatMap((s) => Array<string>(STATUS_PLAN[s] ?? 0).fill(s));
  // Cancellations happen all month long.
  const cancelled = STATUS_PLAN.cancelled ?? 0;
  for (let i = 0; i < cancelled; i++)
    list.splice(Math.round(((i + 1) * list.length) / (cancelled + 1)), 0, "cancelled");
  return list;
}

/**
 * An instant during business hours `daysAgo` days before now in the calendar's zone: the day moves back
 * to the previous open day (weekends, holidays), the time spreads over the morning and afternoon.
 */
export function receivedAt(cal: BusinessCalendar, realNow: number, daysAgo: number, slot: number): number {
  const zone = cal.config.timeZone;
  let day = DateTime.fromMillis(realNow, { zone }).startOf("day").minus({ days: daysAgo });
  const at = (d: DateTime) =>
    d
      .set({ hour: 9 })
      .plus({ minutes: (slot * 53) % 420 })
      .toMillis();
  // Ten steps back always find an open day in any calendar Mesa accepts (at least one open weekday).
  for (let step = 0; step < 10 && !isOpen(cal, at(day)); step++) day = day.minus({ days: 1 });
  return Math.min(at(day), realNow - (60 - slot) * MIN);
}

/**
 * A price list, so the demo's closed per-event tickets get priced drafts (without one every draft
 * says «Sin tarifa»): an hour of remote or office work, and a dearer hour on site. Kept if any exists.
 */
export async function demoRates(ctx: AppContext, sales: Actor): Promise<void> {
  if ((await listRates(ctx, sales)).length > 0) return;
  await createRate(ctx, sales, RateBody.parse({ hourlyRateCents: 65_000 }));
  await createRate(ctx, sales, RateBody.parse({ mode: "onsite", hourlyRateCents: 85_000 }));
}

/**
 * Portal accounts for the first contact of the first clients, so the client portal can be tried:
 * they sign in with a link mailed to them (the README says how to see it on a local install).
 */
export async function demoPortal(
  ctx: AppContext,
  reception: Actor,
  clients: SeededClient[],
): Promise<{ email: string; name: string }[]> {
  const out: { email: string; name: string }[] = [];
  for (const client of clients.slice(0, 2)) {
    const first = client.contacts[0];
    const contact = first && (await contactsRepo.byId(ctx.db, first.id));
    if (!contact?.email) continue;
    const account = await usersRepo.byEmail(ctx.db, contact.email);
    if (!account) await invitePortalUser(ctx, reception, contact.id);
    out.push({ email: contact.email, name: contact.name });
  }
  return out;
}
