/**
 * Who may do what with satisfaction surveys (SPEC §1, §2): reception (and leaders) work the survey
 * queue; reception and admins record a survey taken by phone, and a client contact answers its own
 * company's; only reception logs a call attempt.
 */
import type { Actor } from "../../context.js";
import { hasRole, isStaff, requireRole } from "../../platform/authz.js";

export const assertMaySeeSurveyQueue = (actor: Actor) => requireRole(actor, "reception", "leader");
/** Staff other than reception and admins do not record surveys; a client contact answers its own. */
export const mayRecordSurvey = (actor: Actor) => !isStaff(actor) || hasRole(actor, "admin", "reception");
export const assertMayLogSurveyAttempt = (actor: Actor) => requireRole(actor, "reception");
