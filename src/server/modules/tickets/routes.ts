import {
  MessageAnswer,
  TicketAnswer,
  TicketDetailAnswer,
  TicketListAnswer,
} from "../../../contract/client-facing.js";
import { IdParams, NoContent } from "../../../contract/common.js";
import {
  Charge,
  ChargeBody,
  ChargeEditBody,
  MessageBody,
  RowVersionQuery,
  TicketCreateBody,
  TicketListQuery,
  TicketPatchBody,
  TimeEntry,
  TimeEntryBody,
  TimeEntryEditBody,
  TransitionBody,
  WorkRowParams,
} from "../../../contract/tickets.js";
import { type AppContext, forRequest } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { fastResponse } from "../../platform/http/fast-serializer.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import { withBaseVersion } from "../../platform/http/versioning.js";
import * as corrections from "../work/corrections.js";
import * as work from "../work/work.js";
import { createTicket } from "./create-ticket.js";
import * as edit from "./ticket-edit.js";
import * as tickets from "./tickets.js";
import * as transitions from "./transitions.js";

const CREATE_DOC = [
  "Registers a request and gives it its folio (of the year it is registered, in the calendar's zone).",
  "Staff may back-date `receivedAt` (a call taken earlier); the history records it (`backdated`).",
  "A client contact files only its own company's tickets, received when they arrive: naming",
  "`receivedAt`, `estimatedSolutionMinutes` or a `channel` other than `portal`/`email` is refused",
  "with 403 `forbidden` and the fields in `details.fields`; another company's client or contact",
  "gets the same 404 as a missing id. Client contacts get the client-facing ticket shape.",
].join(" ");

// The hot answers (every queue page, every ticket opened or filed) skip zod at run time; see fast-serializer.ts.
const TicketFast = fastResponse(TicketAnswer);
const TicketListFast = fastResponse(TicketListAnswer);
const TicketDetailFast = fastResponse(TicketDetailAnswer);

/** `/api/tickets`: intake, the queue, one ticket, its edits, moves and work. */
export const ticketRoutes = featureRoutes({ "/tickets": ticketsGroup });

function ticketsGroup(r: Routes, ctx: AppContext): void {
  r.post("", {
    schema: {
      tags: ["tickets"],
      description: CREATE_DOC,
      body: TicketCreateBody,
      response: { 201: TicketFast },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await createTicket(forRequest(ctx, req), actorOf(req), req.body)),
  });
  r.get("", {
    schema: { tags: ["tickets"], querystring: TicketListQuery, response: { 200: TicketListFast } },
    handler: async (req) => tickets.listTickets(forRequest(ctx, req), actorOf(req), req.query),
  });
  r.get("/:id", {
    schema: { tags: ["tickets"], params: IdParams, response: { 200: TicketDetailFast } },
    handler: async (req) => tickets.getTicket(forRequest(ctx, req), actorOf(req), req.params.id),
  });
  r.patch("/:id", {
    schema: { tags: ["tickets"], params: IdParams, body: TicketPatchBody, response: { 200: TicketAnswer } },
    handler: async (req) =>
      edit.updateTicket(forRequest(ctx, req), actorOf(req), req.params.id, withBaseVersion(req, req.body)),
  });
  r.post("/:id/transitions", {
    schema: { tags: ["tickets"], params: IdParams, body: TransitionBody, response: { 200: TicketAnswer } },
    handler: async (req) =>
      transitions.transitionTicket(forRequest(ctx, req), actorOf(req), req.params.id, req.body),
  });
  r.post("/:id/time-entries", {
    schema: { tags: ["tickets"], params: IdParams, body: TimeEntryBody, response: { 201: TimeEntry } },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await work.addTimeEntry(forRequest(ctx, req), actorOf(req), req.params.id, req.body)),
  });
  r.post("/:id/charges", {
    schema: { tags: ["tickets"], params: IdParams, body: ChargeBody, response: { 201: Charge } },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await work.addCharge(forRequest(ctx, req), actorOf(req), req.params.id, req.body)),
  });
  workCorrections(r, ctx);
  r.post("/:id/messages", {
    schema: { tags: ["tickets"], params: IdParams, body: MessageBody, response: { 201: MessageAnswer } },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await work.addMessage(forRequest(ctx, req), actorOf(req), req.params.id, req.body)),
  });
}

const CORRECTION_DOC =
  "Corrects or removes recorded work with the `version` the caller saw (409 with the current row when " +
  "it changed). Time only while the ticket is in progress or attended, by the entry's technician or a " +
  "senior; a charge until the review (which freezes what the ticket bills), never once on an invoice.";

/** Corrections of time entries and charges (work/corrections.ts). */
function workCorrections(r: Routes, ctx: AppContext): void {
  const tags = ["tickets"];
  r.patch("/:id/time-entries/:rowId", {
    schema: {
      tags,
      description: CORRECTION_DOC,
      params: WorkRowParams,
      body: TimeEntryEditBody,
      response: { 200: TimeEntry },
    },
    handler: async (req) =>
      corrections.editTimeEntry(
        forRequest(ctx, req),
        actorOf(req),
        req.params.id,
        req.params.rowId,
        req.body,
      ),
  });
  r.delete("/:id/time-entries/:rowId", {
    schema: {
      tags,
      description: CORRECTION_DOC,
      params: WorkRowParams,
      querystring: RowVersionQuery,
      response: { 204: NoContent },
    },
    handler: async (req, reply) => {
      const { id, rowId } = req.params;
      await corrections.deleteTimeEntry(forRequest(ctx, req), actorOf(req), id, rowId, req.query.version);
      return reply.status(204).send(null);
    },
  });
  r.patch("/:id/charges/:rowId", {
    schema: {
      tags,
      description: CORRECTION_DOC,
      params: WorkRowParams,
      body: ChargeEditBody,
      response: { 200: Charge },
    },
    handler: async (req) =>
      corrections.editCharge(forRequest(ctx, req), actorOf(req), req.params.id, req.params.rowId, req.body),
  });
  r.delete("/:id/charges/:rowId", {
    schema: {
      tags,
      description: CORRECTION_DOC,
      params: WorkRowParams,
      querystring: RowVersionQuery,
      response: { 204: NoContent },
    },
    handler: async (req, reply) => {
      const { id, rowId } = req.params;
      await corrections.deleteCharge(forRequest(ctx, req), actorOf(req), id, rowId, req.query.version);
      return reply.status(204).send(null);
    },
  });
}
