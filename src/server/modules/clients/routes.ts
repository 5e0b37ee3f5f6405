import { ClientAnswer, ClientListAnswer, ContactAnswer } from "../../../contract/client-facing.js";
import {
  CallerLookupQuery,
  CallerMatch,
  Client,
  ClientBody,
  ClientListQuery,
  ClientPatch,
  Contact,
  ContactBody,
  ContactListQuery,
  ContactPatch,
} from "../../../contract/clients.js";
import { IdParams, ItemsOf } from "../../../contract/common.js";
import { type AppContext, forRequest } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import { withBaseVersion } from "../../platform/http/versioning.js";
import * as clients from "./clients.js";
import * as contacts from "./contacts.js";

/** `/api/clients`, `/api/contacts` and the caller lookup. */
export const clientRoutes = featureRoutes({
  "/clients": clientsGroup,
  "/contacts": contactsGroup,
  "/lookup": lookupGroup,
});

function clientsGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: { tags: ["clients"], querystring: ClientListQuery, response: { 200: ClientListAnswer } },
    handler: async (req) => clients.listClients(ctx, actorOf(req), req.query),
  });
  r.post("", {
    schema: { tags: ["clients"], body: ClientBody, response: { 201: Client } },
    handler: async (req, reply) =>
      reply.status(201).send(await clients.createClient(ctx, actorOf(req), req.body)),
  });
  r.get("/:id", {
    schema: { tags: ["clients"], params: IdParams, response: { 200: ClientAnswer } },
    handler: async (req) => clients.getClient(ctx, actorOf(req), req.params.id),
  });
  r.patch("/:id", {
    schema: { tags: ["clients"], params: IdParams, body: ClientPatch, response: { 200: Client } },
    handler: async (req) =>
      clients.updateClient(ctx, actorOf(req), req.params.id, withBaseVersion(req, req.body)),
  });
}

function contactsGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: { tags: ["clients"], querystring: ContactListQuery, response: { 200: ItemsOf(ContactAnswer) } },
    handler: async (req) => ({ items: await contacts.listContacts(ctx, actorOf(req), req.query) }),
  });
  r.post("", {
    schema: { tags: ["clients"], body: ContactBody, response: { 201: Contact } },
    handler: async (req, reply) =>
      reply.status(201).send(await contacts.createContact(ctx, actorOf(req), req.body)),
  });
  r.get("/:id", {
    schema: { tags: ["clients"], params: IdParams, response: { 200: ContactAnswer } },
    handler: async (req) => contacts.getContact(ctx, actorOf(req), req.params.id),
  });
  r.patch("/:id", {
    schema: { tags: ["clients"], params: IdParams, body: ContactPatch, response: { 200: Contact } },
    handler: async (req) =>
      contacts.updateContact(ctx, actorOf(req), req.params.id, withBaseVersion(req, req.body)),
  });
}

function lookupGroup(r: Routes, ctx: AppContext): void {
  r.get("/callers", {
    schema: { tags: ["clients"], querystring: CallerLookupQuery, response: { 200: ItemsOf(CallerMatch) } },
    handler: async (req) => ({
      items: await contacts.lookupCallers(forRequest(ctx, req), actorOf(req), req.query.q),
    }),
  });
}
