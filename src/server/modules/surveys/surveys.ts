import { z } from "zod";
import { type SurveyBody, type SurveyQueueQuery, SurveySettings } from "../../../contract/surveys.js";
import type { Actor, AppContext } from "../../context.js";
import { AppError, conflict, forbidden } from "../../platform/errors.js";
import { CursorText, decodePageCursor, encodePageCursor } from "../../platform/http/page-cursor.js";
import { newId } from "../../platform/ids.js";
import { surveyFor, surveyReadFor } from "../clients/client-view.js";
import { isContactAccount } from "../portal/policy.js";
import { readSetting, type SettingSpec } from "../settings/stored-settings.js";
import { requireVisible } from "../tickets/policy.js";
import { historyRepo, ticketsRepo } from "../tickets/repository.js";
import { toTicket, viewEnv } from "../tickets/ticket-view.js";
import { assertMayLogSurveyAttempt, assertMaySeeSurveyQueue, mayRecordSurvey } from "./policy.js";
import { type SurveyQueueKey, type SurveyRow, surveysRepo } from "./repository.js";

export const DEFAULT_MAX_SURVEY_ATTEMPTS = 3;

const SURVEY_SETTING: SettingSpec<SurveySettings> = { key: "surveys", schema: SurveySettings, defaults: {} };

async function maxAttempts(ctx: AppContext): Promise<number> {
  return (await readSetting(ctx, SURVEY_SETTING)).maxAttempts ?? DEFAULT_MAX_SURVEY_ATTEMPTS;
}

export function toSurvey(r: SurveyRow) {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    outcome: r.outcome === "unreachable" ? ("unreachable" as const) : ("answered" as const),
    overall: r.overall,
    technician: r.technician,
    timeliness: r.timeliness,
    comments: r.comments,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  };
}

const toAttempt = (a: { at: string; by_user_id: string | null; note: string | null }) => ({
  at: a.at,
  byUserId: a.by_user_id,
  note: a.note,
});

type SurveyLinkRow = Awaited<ReturnType<typeof surveysRepo.surveyLinks>>[number];
interface SurveyLink {
  surveyLinkSentAt: string | null;
  surveyLinkSentTo: string | null;
  surveyLinkFailed: boolean;
}

/**
 * Each ticket's latest survey link mail: when reception sent it and to whom, so nobody calls a client
 * who has the survey by mail, or mails it again unknowingly. The time is when reception sent it (the
 * outbox row's creation), whether the mail still waits for the server or was delivered; only a mail
 * the server gave up on (`failed`: refused, or out of tries) is worth telling apart.
 */
function latestSurveyLinks(rows: SurveyLinkRow[]): Map<string, SurveyLink> {
  const latest = new Map<string, SurveyLink>();
  for (const r of rows) {
    if (r.ticket_id === null || latest.has(r.ticket_id)) continue; // rows come newest first
    latest.set(r.ticket_id, {
      surveyLinkSentAt: r.created_at,
      surveyLinkSentTo: r.to_addr,
      surveyLinkFailed: r.status === "failed",
    });
  }
  return latest;
}

const NO_SURVEY_LINK: SurveyLink = {
  surveyLinkSentAt: null,
  surveyLinkSentTo: null,
  surveyLinkFailed: false,
};

/**
 * Per contact, the address a survey link would go to: its portal account's, as sendSurveyLink picks
 * it (an active contact account: isContactAccount); contacts without one are left out.
 */
function linkAddresses(rows: Awaited<ReturnType<typeof surveysRepo.portalAccounts>>): Map<string, string> {
  const to = new Map<string, string>();
  for (const r of rows) {
    if (r.contact_id === null || to.has(r.contact_id)) continue;
    if (isContactAccount(r)) to.set(r.contact_id, r.email);
  }
  return to;
}

// A page of the survey queue ends at a (closing time, id); the next page starts after it.
const QueueCursor = z.tuple([CursorText, CursorText]);
const encodeQueueCursor = (k: SurveyQueueKey) => encodePageCursor([k.closedAt, k.id]);
function decodeQueueCursor(text: string): SurveyQueueKey {
  const [closedAt, id] = decodePageCursor(text, QueueCursor);
  return { closedAt, id };
}

/** A page of closed tickets awaiting their survey, oldest closing first, with what reception needs. */
export async function surveyQueue(ctx: AppContext, actor: Actor, page: z.output<typeof SurveyQueueQuery>) {
  assertMaySeeSurveyQueue(actor);
  const after = page.cursor === undefined ? undefined : decodeQueueCursor(page.cursor);
  const [read, pending, env, max] = await Promise.all([
    surveysRepo.queue(ctx.db, page.limit + 1, after),
    surveysRepo.pending(ctx.db),
    viewEnv(ctx),
    maxAttempts(ctx),
  ]);
  const rows = read.slice(0, page.limit);
  const last = rows.at(-1);
  const nextCursor =
    read.length > page.limit && last?.closed_at
      ? encodeQueueCursor({ closedAt: last.closed_at, id: last.id })
      : null;
  return { items: await queueItems(ctx, actor, rows, env, max), nextCursor, pending };
}

async function queueItems(
  ctx: AppContext,
  actor: Actor,
  rows: Awaited<ReturnType<typeof surveysRepo.queue>>,
  env: Awaited<ReturnType<typeof viewEnv>>,
  max: number,
) {
  const ids = rows.map((r) => r.id);
  const contactIds = [...new Set(rows.flatMap((r) => (r.contact_id ? [r.contact_id] : [])))];
  const [attempts, links, linkTo] = await Promise.all([
    surveysRepo.attempts(ctx.db, ids),
    surveysRepo.surveyLinks(ctx.db, ids).then(latestSurveyLinks),
    surveysRepo.portalAccounts(ctx.db, contactIds).then(linkAddresses),
  ]);
  return rows.map((r) => ({
    ...toTicket(r, env, actor),
    attempts: attempts.filter((a) => a.ticket_id === r.id).map(toAttempt),
    maxAttempts: max,
    ...(links.get(r.id) ?? NO_SURVEY_LINK),
    surveyLinkTo: (r.contact_id && linkTo.get(r.contact_id)) || null,
  }));
}

async function closedTicketWithoutSurvey(ctx: AppContext, actor: Actor, ticketId: string) {
  const row = requireVisible(actor, await ticketsRepo.byId(ctx.db, ticketId));
  if (row.status !== "closed") throw new AppError("invalid_transition", "survey.ticket_not_closed");
  if (await surveysRepo.byTicket(ctx.db, ticketId)) throw conflict("survey.exists");
  return row;
}

/** Reception records the answers by phone; a client contact may answer its own ticket's survey. */
export async function recordSurvey(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: z.output<typeof SurveyBody>,
) {
  if (!mayRecordSurvey(actor)) throw forbidden("survey.reception_only");
  await closedTicketWithoutSurvey(ctx, actor, ticketId);
  const now = ctx.clock().toISOString();
  const row: SurveyRow = {
    id: newId(),
    ticket_id: ticketId,
    overall: input.overall,
    technician: input.technician,
    timeliness: input.timeliness,
    comments: input.comments?.trim() || null,
    outcome: "answered",
    recorded_by: actor.id,
    recorded_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await surveysRepo.insert(trx, row);
    await historyRepo.add(trx, {
      ticketId,
      at: now,
      actorId: actor.id,
      action: "survey",
      changes: { overall: input.overall },
    });
  });
  return surveyFor(actor, toSurvey(row));
}

/** An unanswered call; after the configured number of attempts the ticket leaves the queue as unreachable. */
export async function recordSurveyAttempt(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  note: string | undefined,
) {
  assertMayLogSurveyAttempt(actor);
  await closedTicketWithoutSurvey(ctx, actor, ticketId);
  const now = ctx.clock().toISOString();
  const max = await maxAttempts(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await surveysRepo.addAttempt(trx, { ticketId, at: now, by: actor.id, note: note?.trim() || null });
    const count = (await surveysRepo.attempts(trx, [ticketId])).length;
    await historyRepo.add(trx, {
      ticketId,
      at: now,
      actorId: actor.id,
      action: "survey_attempt",
      changes: { attempt: count },
    });
    if (count < max) return { attempts: count, maxAttempts: max, survey: null };
    const row: SurveyRow = {
      id: newId(),
      ticket_id: ticketId,
      overall: null,
      technician: null,
      timeliness: null,
      comments: null,
      outcome: "unreachable",
      recorded_by: actor.id,
      recorded_at: now,
    };
    await surveysRepo.insert(trx, row);
    return { attempts: count, maxAttempts: max, survey: toSurvey(row) };
  });
}

export async function getSurvey(ctx: AppContext, actor: Actor, ticketId: string) {
  requireVisible(actor, await ticketsRepo.byId(ctx.db, ticketId));
  const row = await surveysRepo.byTicket(ctx.db, ticketId);
  const attempts = await surveysRepo.attempts(ctx.db, [ticketId]);
  return surveyReadFor(actor, { survey: row ? toSurvey(row) : null, attempts: attempts.map(toAttempt) });
}
