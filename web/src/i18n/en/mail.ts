import type { mail as es } from "../es/mail";

/** English, e-mail: the outbox and mail on the ticket. */
export const mail: Record<keyof typeof es, string> = {
  "nav.outbox": "Outgoing mail",
  "outbox.title": "Outgoing mail",
  "outbox.subtitle":
    "What Mesa sends by e-mail. A failed send is retried on its own; one that gave up waits for you to retry it.",
  "outbox.unconfigured": "E-mail is not configured: messages stay queued",
  "outbox.filter": "Filter by status",
  "outbox.filter.all": "All",
  "outbox.status": "Status",
  "outbox.status.queued": "Queued",
  "outbox.status.sending": "Sending",
  "outbox.status.sent": "Sent",
  "outbox.status.failed": "Failed",
  "outbox.to": "To",
  "outbox.subject": "Subject",
  "outbox.attempts": "Tries",
  "outbox.when": "Date",
  "outbox.lastError": "Last error",
  "outbox.retry": "Retry",
  "outbox.retried": "The mail is back in the queue.",
  "outbox.none": "No mail with this filter.",
  "message.viaEmail": "by e-mail from {from}",
  "history.link_sender": "Sender linked to its client",
  "attachments.title": "Attachments",
  "attachments.internal": "Internal",
  "history.attachment": "File attached",
  "unknownSender.badge": "Unidentified",
  "unknownSender.notice": "Unidentified sender: {address}",
  "unknownSender.noticeHint":
    "Link it to its client so the ticket takes that client's service kind and deadline.",
  "unknownSender.link": "Link to client",
  "unknownSender.pickClient": "Find this sender's client",
  "unknownSender.noContact": "No contact",
  "unknownSender.confirm": "Link",
  "unknownSender.linked": "The ticket is now linked to {client}.",
};
