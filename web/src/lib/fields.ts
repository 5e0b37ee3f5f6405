import type { MessageKey, Translate } from "../i18n";

/** API field names as the user knows them (the label of the form field), for errors and change history. */
const FIELD_LABELS: Record<string, MessageKey> = {
  name: "common.name",
  email: "common.email",
  phone: "common.phone",
  rfc: "client.rfc",
  billingAddress: "client.billingAddress",
  accountTechnicianId: "client.accountTechnician",
  paymentTerms: "client.paymentTerms",
  creditDays: "client.creditDays",
  creditLimitCents: "client.creditLimit",
  notes: "audit.field.notes",
  position: "contact.position",
  emails: "contact.emails",
  phones: "contact.phones",
  clientId: "ticket.client",
  contactId: "ticket.contact",
  assigneeId: "ticket.assignee",
  category: "ticket.category",
  title: "ticket.title",
  description: "ticket.description",
  receivedAt: "ticket.receivedAt",
  billableMinutes: "billable.minutes",
  minutes: "time.minutes",
  startedAt: "time.start",
  endedAt: "time.end",
  activity: "time.activity",
  reason: "common.reason",
  type: "contract.type",
  startsOn: "contract.startsOn",
  endsOn: "contract.endsOn",
  monthlyFeeCents: "contract.monthlyFee",
  includedMinutesPerMonth: "contract.includedHours",
  overageRateCents: "contract.overageRate",
  slaNormalMinutes: "contract.slaNormal",
  slaUrgentMinutes: "contract.slaUrgent",
  cancelled: "contract.cancelled",
};

export function fieldLabel(t: Translate, field: string): string {
  const key = FIELD_LABELS[field];
  return key ? t(key) : field;
}
