import { SurveyBody } from "../../../contract/surveys.js";
import {
  ChargeBody,
  MessageBody,
  TicketCreateBody,
  TimeEntryBody,
  TransitionBody,
} from "../../../contract/tickets.js";
import type { Actor, AppContext } from "../../context.js";
import { recordSurvey, recordSurveyAttempt } from "../../modules/surveys/surveys.js";
import { createTicket } from "../../modules/tickets/create-ticket.js";
import { transitionTicket } from "../../modules/tickets/transitions.js";
import { addCharge, addMessage, addTimeEntry } from "../../modules/work/work.js";
import { TICKET_SUBJECTS } from "./demo-data.js";
import { cycle, DAY, HOUR, MIN, person, type SeededClient } from "./demo-seed.js";

/** How far a ticket goes: each status includes the steps of the ones before it. */
const STEPS = ["new", "assigned", "in_progress", "attended", "reviewed", "closed"];
const TECH_FOR: Record<string, string> = {
  redes: "tech1",
  fortigate: "tech1",
  "windows-server": "tech2",
  microsip: "tech2",
  soporte: "tech3",
  hosting: "tech3",
};

export interface TicketPlan {
  index: number;
  final: string;
  received: number;
  client: SeededClient;
}

interface Run {
  ctx: AppContext;
  /**
   * Every role and technician the demo seeds (demo-seed.ts), by name. The `!` on its reads in this file,
   * and on modulo indexes into the demo's fixed non-empty lists, are safe for that reason.
   */
  people: Record<string, Actor>;
  at: (ms: number) => number;
}

const reaches = (final: string, step: string) =>
  final !== "cancelled" && STEPS.indexOf(final) >= STEPS.indexOf(step);

async function create(run: Run, plan: TicketPlan) {
  const subject = cycle(TICKET_SUBJECTS, plan.index);
  const contact = plan.client.contacts[plan.index % plan.client.contacts.length];
  run.at(plan.received + 2 * MIN);
  const body = TicketCreateBody.parse({
    clientId: plan.client.id,
    contactId: contact?.id ?? null,
    title: subject.title,
    description: subject.description,
    urgent: plan.index % 4 === 1,
    channel: plan.index % 3 === 2 ? "email" : "phone",
    category: subject.category,
    receivedAt: new Date(plan.received).toISOString(),
  });
  const ticket = await createTicket(run.ctx, person(run.people, "reception"), body);
  return { id: ticket.id, category: subject.category, signer: contact?.name ?? "Encargado en sitio" };
}

const go = (run: Run, who: string, id: string, body: object) =>
  transitionTicket(run.ctx, person(run.people, who), id, TransitionBody.parse(body));

/** Work on site or remotely: a call, one or two time entries, and a part for clients without póliza. */
async function work(run: Run, plan: TicketPlan, id: string, tech: string) {
  const t0 = plan.received;
  run.at(t0 + 50 * MIN);
  await go(run, tech, id, { action: "start" });
  await addMessage(
    run.ctx,
    person(run.people, tech),
    id,
    MessageBody.parse({
      kind: "call",
      body: "Llamé al cliente para confirmar el síntoma y acordar la visita.",
    }),
  );
  const minutes = 30 + ((plan.index * 17) % 6) * 15;
  const start = t0 + HOUR;
  const now = run.at(start + minutes * MIN + 5 * MIN);
  const timing =
    start + minutes * MIN <= now
      ? { startedAt: new Date(start).toISOString(), endedAt: new Date(start + minutes * MIN).toISOString() }
      : { minutes };
  const mode = ["onsite", "remote", "phone", "office"][plan.index % 4];
  await addTimeEntry(
    run.ctx,
    person(run.people, tech),
    id,
    TimeEntryBody.parse({
      ...timing,
      mode,
      activity: "Diagnóstico y corrección; pruebas con el usuario.",
    }),
  );
  if (!plan.client.contract && plan.index % 2 === 0) {
    await addCharge(
      run.ctx,
      person(run.people, tech),
      id,
      ChargeBody.parse({
        kind: plan.index % 4 === 0 ? "spare_part" : "consumable",
        description: plan.index % 4 === 0 ? "Fuente de poder 500 W" : "Cable UTP Cat 6 (metro)",
        quantity: plan.index % 4 === 0 ? 1 : 15,
        unitPriceCents: plan.index % 4 === 0 ? 89_000 : 1_800,
      }),
    );
  }
}

/** After closing: most clients answer the survey; some do not pick up (still in the queue). */
async function survey(run: Run, plan: TicketPlan, id: string) {
  run.at(plan.received + 3 * DAY);
  if (plan.index % 5 === 4) {
    await recordSurveyAttempt(run.ctx, person(run.people, "reception"), id, "No contestó; se deja recado.");
    return 0;
  }
  const score = 3 + (plan.index % 3);
  await recordSurvey(
    run.ctx,
    person(run.people, "reception"),
    id,
    SurveyBody.parse({
      overall: score,
      technician: Math.min(5, score + 1),
      timeliness: score,
      comments: score === 5 ? "Muy amables y rápidos." : "Bien, aunque tardaron en llegar.",
    }),
  );
  return 1;
}

/** Walks one ticket to its planned status through the services; returns 1 when a survey was recorded. */
export async function demoTicket(run: Run, plan: TicketPlan): Promise<number> {
  const t = await create(run, plan);
  const tech = TECH_FOR[t.category] ?? "tech3";
  if (plan.final === "cancelled") {
    run.at(plan.received + 30 * MIN);
    await go(run, "reception", t.id, { action: "cancel", reason: "El cliente lo resolvió por su cuenta." });
    return 0;
  }
  if (!reaches(plan.final, "assigned")) return 0;
  run.at(plan.received + 20 * MIN);
  await go(run, "reception", t.id, { action: "assign", assigneeId: person(run.people, tech).id });
  if (!reaches(plan.final, "in_progress")) return 0;
  await work(run, plan, t.id, tech);
  if (!reaches(plan.final, "attended")) return 0;
  run.at(plan.received + 4 * HOUR);
  await go(run, tech, t.id, { action: "attend" });
  if (plan.index % 3 !== 0 || reaches(plan.final, "reviewed")) {
    await go(run, tech, t.id, { action: "accept", signerName: t.signer });
  }
  if (!reaches(plan.final, "reviewed")) return 0;
  run.at(plan.received + DAY);
  await go(run, "senior", t.id, { action: "review" });
  if (!reaches(plan.final, "closed")) return 0;
  run.at(plan.received + 2 * DAY);
  // Póliza work is billed by the monthly run; per-event work is ready to invoice.
  const billing = plan.client.contract ? {} : { billingStatus: "to_invoice" };
  await go(run, "leader", t.id, { action: "close", ...billing });
  return survey(run, plan, t.id);
}
