import { z } from "zod";
import { OptionalText, PageLimit } from "./common.js";
import { Ticket } from "./tickets.js";

const Score = z.number().int("input.score_integer").min(1, "input.score_range").max(5, "input.score_range");

export const SurveyBody = z.strictObject({
  overall: Score,
  technician: Score,
  timeliness: Score,
  comments: OptionalText(5000).optional(),
});
export const SurveyAttemptBody = z.strictObject({ note: OptionalText(1000).optional() });

export const SurveyOutcome = z.enum(["answered", "unreachable"]);
export type SurveyOutcome = z.infer<typeof SurveyOutcome>;

export const Survey = z.object({
  id: z.string(),
  ticketId: z.string(),
  outcome: SurveyOutcome,
  overall: z.number().nullable(),
  technician: z.number().nullable(),
  timeliness: z.number().nullable(),
  comments: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export const SurveyAttempt = z.object({
  at: z.string(),
  byUserId: z.string().nullable(),
  note: z.string().nullable(),
});

export const SurveyQueueItem = Ticket.extend({
  attempts: z.array(SurveyAttempt),
  maxAttempts: z.number(),
  /** When reception last mailed the survey link (POST /api/tickets/:id/survey-link); null if never. */
  surveyLinkSentAt: z.string().nullable(),
  /** The address that link went to. */
  surveyLinkSentTo: z.string().nullable(),
  /** That mail could not be delivered (the mail server refused it, or it ran out of tries). */
  surveyLinkFailed: z.boolean(),
  /**
   * Where a survey link would go: the e-mail of the contact's portal account; null when the contact
   * has none (or the ticket has no contact), and POST /api/tickets/:id/survey-link would answer 422.
   */
  surveyLinkTo: z.string().nullable(),
});
/**
 * A page of the survey queue (oldest closing first); `nextCursor` reads the next one, null on the
 * last. Without `limit`, 100 tickets.
 */
export const SurveyQueue = z.object({
  items: z.array(SurveyQueueItem),
  nextCursor: z.string().nullable(),
  /** How many closed tickets wait for their survey in all, on every page (not only this one's). */
  pending: z.number().int(),
});
export const SurveyQueueQuery = z.object({
  limit: PageLimit(500, 100),
  // The page's last closing time and id, as base64 JSON.
  cursor: z.string().max(500).optional(),
});
export const SurveyAttemptResult = z.object({
  attempts: z.number(),
  maxAttempts: z.number(),
  survey: Survey.nullable(),
});

/** The `surveys` settings row (no page writes it yet; an operator may): how many call attempts before "unreachable". */
export const SurveySettings = z.strictObject({ maxAttempts: z.number().int().min(1).max(20).optional() });
export type SurveySettings = z.infer<typeof SurveySettings>;

/** `POST /api/tickets/:id/survey-link`: the address the single-use survey link went to. */
export const SurveyLinkSent = z.object({ sentTo: z.string() });
