import type { account as es } from "../es/account";

/** English: API tokens, the notification bell and error texts by code: the same keys as ../es/account.ts. */
export const account: Record<keyof typeof es, string> = {
  "tokens.menu": "API tokens",
  "tokens.title": "API tokens",
  "tokens.subtitle":
    "For integrations: sent in the “Authorization: Bearer …” header. Whoever holds a token acts as you.",
  "tokens.name": "Token name",
  "tokens.namePlaceholder": "e.g. Microsip integration",
  "tokens.create": "Create token",
  "tokens.createdAt": "Created",
  "tokens.lastUsed": "Last used",
  "tokens.never": "Never",
  "tokens.state": "State",
  "tokens.active": "Active",
  "tokens.revoked": "Revoked",
  "tokens.revoke": "Revoke",
  "tokens.revokeTitle": "Revoke token",
  "tokens.revokeConfirm": "Revoke “{name}”? Integrations using it stop working at once.",
  "tokens.revokedDone": "Token “{name}” revoked.",
  "tokens.none": "You have no tokens yet.",
  "tokens.newTitle": "Token created",
  "tokens.once":
    "Copy the token now: it will not be shown again. Keep it somewhere safe; if it is lost, revoke it and create another.",
  "tokens.value": "Token",
  "tokens.copy": "Copy",
  "tokens.copied": "Copied",
  "tokens.copyFailed": "Could not copy: select the text and copy it by hand.",
  "tokens.done": "I have saved it",

  "notify.bell": "Notifications: {n} unread",
  "notify.title": "Notifications",
  "notify.readAll": "Mark all as read",
  "notify.empty": "No notifications.",
  "notify.open": "Open ticket",
  "notify.kind.sla_near": "Due soon",
  "notify.kind.sla_breached": "Overdue",

  "errcode.validation_failed": "Invalid data. Check the form and try again.",
  "errcode.validation_failed.field": "Invalid value in “{field}”.",
  "errcode.field_invalid": "Invalid value.",
  "errcode.field_required": "Required",
  "errcode.field_too_long": "Too long",
  "errcode.forbidden": "You don't have permission to do this.",
  "errcode.not_found": "Not found: it may have been removed.",
  "errcode.not_found.field": "“{field}” was not found.",
  "errcode.conflict":
    "This conflicts with the current data; someone else may have changed it. Reload and try again.",
  "errcode.conflict.field": "“{field}” is already used by another record.",
  "errcode.invalid_transition": "This action is not possible in the ticket's current state.",
  "errcode.precondition_failed": "Not possible yet: a precondition is not met.",
  "errcode.reason_required": "This change requires a reason.",
};
