// The keys a client contact may read, per shape: the allow-lists client-scope.test.ts asserts.

export const TICKET_KEYS = [
  "acceptance",
  "assigneeName",
  "availableActions",
  "businessMinutesLeft",
  "category",
  "channel",
  "clientId",
  "clientName",
  "closedAt",
  "contactId",
  "contactName",
  "contractId",
  "createdAt",
  "description",
  "estimatedSolutionAt",
  "folio",
  "id",
  "receivedAt",
  "respondedAt",
  "responseBreached",
  "responseDueAt",
  "serviceKind",
  "slaState",
  "status",
  "title",
  "updatedAt",
  "urgent",
  "version",
];
export const DETAIL_KEYS = [...TICKET_KEYS, "history", "messages", "timeEntries"].sort();
export const HISTORY_KEYS = ["action", "actorName", "at", "fromStatus", "id", "reason", "toStatus"];
export const TIME_KEYS = [
  "activity",
  "createdAt",
  "endedAt",
  "id",
  "minutes",
  "mode",
  "startedAt",
  "ticketId",
  "userName",
];
export const MESSAGE_KEYS = ["authorName", "body", "createdAt", "id", "kind", "ticketId"];
export const CLIENT_KEYS = [
  "billingAddress",
  "creditDays",
  "email",
  "id",
  "name",
  "paymentTerms",
  "phone",
  "rfc",
];
export const CONTACT_KEYS = ["clientId", "email", "emails", "id", "name", "phone", "phones", "position"];
export const CONTRACT_KEYS = [
  "cancelledAt",
  "clientId",
  "endsOn",
  "id",
  "includedMinutesPerMonth",
  "monthlyFeeCents",
  "overageRateCents",
  "slaNormalMinutes",
  "slaUrgentMinutes",
  "startsOn",
  "type",
  "typeName",
];
export const SURVEY_KEYS = [
  "comments",
  "id",
  "outcome",
  "overall",
  "recordedAt",
  "technician",
  "ticketId",
  "timeliness",
];
