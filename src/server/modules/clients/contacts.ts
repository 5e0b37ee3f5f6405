import type { z } from "zod";
import type { Contact, ContactBody, ContactPatch } from "../../../contract/clients.js";
import { rfcKind } from "../../../domain/rfc.js";
import { foldForSearch, normalizeEmail, normalizePhone, searchTerms } from "../../../domain/text.js";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import { stillThere } from "../../platform/database/still-there.js";
import { notFound } from "../../platform/errors.js";
import { checkBaseVersion, staleEdit } from "../../platform/http/versions.js";
import { newId } from "../../platform/ids.js";
import { businessCalendar } from "../settings/settings.js";
import { contractTypesInForce } from "../tickets/contract-in-force.js";
import { ticketsRepo } from "../tickets/repository.js";
import { dropAsBillingContact } from "./billing-contact.js";
import { contactFor } from "./client-view.js";
import { toClient } from "./clients.js";
import { checkPortalAddressChange, followContactAddress } from "./contact-portal-access.js";
import {
  assertMayEditContacts,
  assertMayGrantPortalAdmin,
  assertMayListContacts,
  assertMayLookUpCallers,
  assertMayReadContact,
} from "./policy.js";
import { type ClientRow, type ContactRow, clientsRepo, contactsRepo } from "./repository.js";

/** One contact with its channels. */
async function withItsChannels(ctx: AppContext, row: ContactRow): Promise<Contact> {
  return toContact(row, await contactsRepo.channels(ctx.db, [row.id]));
}

async function withChannels(ctx: AppContext, rows: ContactRow[]): Promise<Contact[]> {
  const channels = await contactsRepo.channels(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toContact(r, channels));
}

function toContact(r: ContactRow, channels: { contact_id: string; kind: string; value: string }[]): Contact {
  {
    const mine = channels.filter((c) => c.contact_id === r.id);
    return {
      id: r.id,
      clientId: r.client_id,
      name: r.name,
      email: r.email,
      phone: r.phone,
      emails: mine.filter((c) => c.kind === "email").map((c) => c.value),
      phones: mine.filter((c) => c.kind === "phone").map((c) => c.value),
      position: r.position,
      portalAdmin: r.portal_admin === 1,
      createdAt: r.created_at,
      version: r.version,
    };
  }
}

function channelsOf(
  email: string | null,
  phone: string | null,
  emails: string[] = [],
  phones: string[] = [],
) {
  const e = [...new Set([email, ...emails].filter((x): x is string => Boolean(x)).map(normalizeEmail))];
  const p = [...new Set([phone, ...phones].filter((x): x is string => Boolean(x)).map(normalizePhone))];
  return [
    ...e.map((value) => ({ kind: "email" as const, value })),
    ...p.map((value) => ({ kind: "phone" as const, value })),
  ];
}

const contactSearch = (name: string, email: string | null, phone: string | null) =>
  foldForSearch([name, email ?? "", phone ? normalizePhone(phone) : ""].join(" "));

/** Company-wide portal visibility is granted by those who invite contacts to the portal, not by technicians. */
function checkPortalAdminChange(actor: Actor, portalAdmin: boolean | undefined) {
  if (portalAdmin !== undefined) assertMayGrantPortalAdmin(actor);
}

export async function createContact(ctx: AppContext, actor: Actor, input: z.output<typeof ContactBody>) {
  assertMayEditContacts(actor);
  if (input.portalAdmin) checkPortalAdminChange(actor, true);
  if (!(await clientsRepo.byIdForPeople(ctx.db, input.clientId)))
    throw notFound("client", { field: "clientId" });
  const now = ctx.clock().toISOString();
  const email = input.email ?? input.emails?.[0] ?? null;
  const phone = input.phone ?? input.phones?.[0] ?? null;
  const row: ContactRow = {
    id: newId(),
    client_id: input.clientId,
    name: input.name,
    email: email ? normalizeEmail(email) : null,
    phone,
    position: input.position ?? null,
    portal_admin: input.portalAdmin ? 1 : 0,
    search_text: contactSearch(input.name, email, phone),
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await contactsRepo.insert(trx, row);
    await contactsRepo.replaceChannels(trx, row.id, channelsOf(email, phone, input.emails, input.phones));
    await auditRepo.record(trx, {
      entity: "contact",
      entityId: row.id,
      at: now,
      actorId: actor.id,
      action: "create",
      changes: input,
    });
  });
  return withItsChannels(ctx, row);
}

export async function updateContact(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.output<typeof ContactPatch>,
) {
  assertMayEditContacts(actor);
  const cur = await contactsRepo.byId(ctx.db, id);
  if (!cur) throw notFound("contact");
  const existing = await withItsChannels(ctx, cur);
  await checkBaseVersion(input.version, cur.version, "contact", () => existing);
  const now = ctx.clock().toISOString();
  const name = input.name ?? cur.name;
  const email = input.email === undefined ? cur.email : input.email && normalizeEmail(input.email);
  const phone = input.phone === undefined ? cur.phone : input.phone;
  const patch: Partial<ContactRow> = {
    name,
    email,
    phone,
    search_text: contactSearch(name, email, phone),
    updated_at: now,
  };
  if (input.position !== undefined) patch.position = input.position;
  if (input.portalAdmin !== undefined && input.portalAdmin !== (cur.portal_admin === 1)) {
    checkPortalAdminChange(actor, input.portalAdmin);
    patch.portal_admin = input.portalAdmin ? 1 : 0;
  }
  const { version: _base, ...changes } = input;
  if (email !== cur.email) await checkPortalAddressChange(ctx.db, actor, id, email);
  const written = await ctx.db.transaction().execute(async (trx) => {
    if (!(await contactsRepo.update(trx, id, cur.version, patch))) return false;
    await followContactAddress(ctx, trx, { contactId: id, before: cur.email, after: email }, actor.id, now);
    const emails = input.emails ?? existing.emails.filter((e) => e !== cur.email);
    const phones =
      input.phones ?? existing.phones.filter((p) => p !== (cur.phone && normalizePhone(cur.phone)));
    const channels = channelsOf(email, phone, emails, phones);
    await contactsRepo.replaceChannels(trx, id, channels);
    // Its tickets are found by its name and its phones: they follow a change of either.
    const phonesNow = channels.flatMap((c) => (c.kind === "phone" ? [c.value] : []));
    if (name !== cur.name || phonesNow.join(" ") !== existing.phones.join(" "))
      await ticketsRepo.refreshContact(trx, id);
    if (cur.email && !email) await dropAsBillingContact(trx, cur, actor.id, now);
    await auditRepo.record(trx, {
      entity: "contact",
      entityId: id,
      at: now,
      actorId: actor.id,
      action: "update",
      changes,
    });
    return true;
  });
  const saved = await withItsChannels(ctx, stillThere(await contactsRepo.byId(ctx.db, id), "contact"));
  if (!written) throw staleEdit("contact", saved);
  return saved;
}

export async function listContacts(
  ctx: AppContext,
  actor: Actor,
  f: {
    clientId?: string | undefined;
    q?: string | undefined;
    email?: string | undefined;
    phone?: string | undefined;
    limit: number;
  },
) {
  assertMayListContacts(actor, f.clientId);
  let rows: ContactRow[];
  if (f.email) rows = await contactsRepo.byChannel(ctx.db, "email", normalizeEmail(f.email));
  else if (f.phone) {
    // Phones match by their last digits; with no digit at all that would be every contact.
    const digits = normalizePhone(f.phone);
    rows = digits ? await contactsRepo.byChannel(ctx.db, "phone", digits) : [];
  } else
    rows = await contactsRepo.list(ctx.db, {
      clientId: f.clientId,
      terms: searchTerms(f.q ?? ""),
      limit: f.limit,
    });
  if (f.clientId) rows = rows.filter((r) => r.client_id === f.clientId);
  return (await withChannels(ctx, rows.slice(0, f.limit))).map((c) => contactFor(actor, c));
}

export async function getContact(ctx: AppContext, actor: Actor, id: string) {
  const row = await contactsRepo.byId(ctx.db, id);
  if (!row) throw notFound("contact");
  assertMayReadContact(actor, row);
  return contactFor(actor, await withItsChannels(ctx, row));
}

type MatchedOn = "phone" | "email" | "name" | "rfc" | "contact_name";
type Hit = { client: ClientRow; contact: ContactRow | null; matchedOn: MatchedOn };

/**
 * Reception's intake lookup: whatever the caller gives (phone, e-mail, name, RFC) finds client and contact.
 * A fixed number of statements however many hits: contacts' clients, channels and contracts are read in bulk.
 */
export async function lookupCallers(ctx: AppContext, actor: Actor, query: string) {
  assertMayLookUpCallers(actor);
  const found = await findCallers(ctx, query);
  const contactClientIds = found.flatMap((f) => (f.contact ? [f.contact.client_id] : []));
  const owners = await clientsRepo.byIds(ctx.db, [...new Set(contactClientIds)]);
  const byId = new Map(owners.map((c) => [c.id, c]));
  const hits: Hit[] = found.flatMap((f): Hit[] => {
    if (!f.contact) return [{ client: f.client, contact: null, matchedOn: f.matchedOn }];
    const client = byId.get(f.contact.client_id);
    // A contact always has its client (foreign key); the guard only tells the type so.
    return client ? [{ client, contact: f.contact, matchedOn: f.matchedOn }] : [];
  });
  return describeHits(ctx, hits.slice(0, 20));
}

type Found =
  | { client: ClientRow; contact?: undefined; matchedOn: MatchedOn }
  | { contact: ContactRow; matchedOn: MatchedOn };

/** The matching clients and contacts, in the order reception sees them (contacts' clients not read yet). */
async function findCallers(ctx: AppContext, query: string): Promise<Found[]> {
  const digits = normalizePhone(query);
  if (query.includes("@")) {
    const contacts = await contactsRepo.byChannel(ctx.db, "email", normalizeEmail(query));
    return contacts.map((contact) => ({ contact, matchedOn: "email" }));
  }
  if (digits.length >= 4 && /^[\d\s()+.-]+$/.test(query)) {
    const contacts = await contactsRepo.byPhonePart(ctx.db, digits);
    const clients = await clientsRepo.byPhoneOrRfc(ctx.db, digits, "");
    return [
      ...contacts.map((contact): Found => ({ contact, matchedOn: "phone" })),
      ...clients.map((client): Found => ({ client, matchedOn: "phone" })),
    ];
  }
  const terms = searchTerms(query);
  const matchedOn: MatchedOn = rfcKind(query) ? "rfc" : "name";
  const clients = await clientsRepo.search(ctx.db, terms, 10);
  const contacts = await contactsRepo.list(ctx.db, { terms, limit: 10 });
  return [
    ...clients.map((client): Found => ({ client, matchedOn })),
    ...contacts.map((contact): Found => ({ contact, matchedOn: "contact_name" })),
  ];
}

async function describeHits(ctx: AppContext, hits: Hit[]) {
  const contacts = await withChannels(
    ctx,
    hits.flatMap((h) => (h.contact ? [h.contact] : [])),
  );
  const cal = await businessCalendar(ctx);
  const typesInForce = await contractTypesInForce(
    ctx,
    cal,
    [...new Set(hits.map((h) => h.client.id))],
    ctx.clock().getTime(),
  );
  // No category yet: any contract in force is the caller's póliza (coveringContract with null).
  return hits.map((h) => ({
    client: toClient(h.client),
    contact: contacts.find((c) => c.id === h.contact?.id) ?? null,
    matchedOn: h.matchedOn,
    activeContract: typesInForce.has(h.client.id),
    activeContractTypes: typesInForce.get(h.client.id) ?? [],
  }));
}
