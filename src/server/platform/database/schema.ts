import type { ColumnType, Generated } from "kysely";
import type { ContactChannelKind, PaymentTerms } from "../../../contract/clients.js";
import type { InboundSource, InboundStatus, OutboxKind, OutboxStatus } from "../../../contract/mail.js";
import type { PortalLinkPurpose } from "../../../contract/portal.js";
import type {
  DecisionMethod,
  NotificationMailKind,
  OrderDecision,
} from "../../../contract/service-orders.js";
import type { SurveyOutcome } from "../../../contract/surveys.js";
import type { TaskStatus } from "../../../contract/tasks.js";
import type {
  AcceptedVia,
  AttentionMode,
  BillingStatus,
  Channel,
  ChargeKind,
  HistoryAction,
  MessageKind,
  ServiceKind,
  TicketStatus,
  Visibility,
} from "../../../contract/tickets.js";
import type { LoanerState, WarrantyStatus } from "../../../domain/loans.js";

/** Instants are ISO-8601 UTC strings of fixed width (sortable as text on both databases). */
type Instant = string;
/** Booleans are stored as 0/1 integers so one schema serves SQLite and PostgreSQL. */
type Flag = number;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  roles: string; // JSON array of role names (parsed with the contract's Role schema on read)
  skills: string; // JSON array of skill tags
  client_id: string | null;
  contact_id: string | null; // portal users: the contact they sign in as
  invited_at: Instant | null; // portal users: when staff invited them
  locale: string;
  active: Flag;
  created_at: Instant;
  updated_at: Instant;
  /** Bumped by every edit of the account (migration 031): an edit based on another is refused. */
  version: Generated<number>;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie value
  user_id: string;
  csrf_token: string;
  created_at: Instant;
  expires_at: Instant;
  /** What the owner sees and ends it by (never the hash that the cookie resolves to). */
  public_id: string | null;
  ip: string | null;
  user_agent: string | null;
  last_seen_at: Instant | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Instant;
  last_used_at: Instant | null;
  revoked_at: Instant | null;
}

/** Times in epoch milliseconds: the reservation UPSERT adds a delay to them in SQL. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  blocked_until: number;
  last_at: number;
}

export interface ClientsTable {
  id: string;
  name: string;
  rfc: string | null;
  phone: string | null;
  email: string | null;
  billing_address: string | null;
  payment_terms: PaymentTerms;
  credit_days: number | null;
  credit_limit_cents: number | null;
  credit_approved_by: string | null;
  credit_approved_at: Instant | null;
  account_technician_id: string | null;
  /** 1 when the RFC fails SAT's check digit (migration 014); listed for review. */
  rfc_check_failed: Generated<Flag>;
  rfc_confirmed_by: string | null;
  rfc_confirmed_at: Instant | null;
  /** XAXX010101000 / XEXX010101000: shared by many cash clients, so not in the unique `rfc`. */
  generic_rfc: string | null;
  /** Receives the issued invoices by e-mail (migration 023): a contact of this client with an e-mail. */
  billing_contact_id: string | null;
  notes: string | null;
  search_text: string;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface ContactsTable {
  id: string;
  client_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  position: string | null;
  /** Sees every ticket of its company in the portal (migration 011). */
  portal_admin: ColumnType<Flag, Flag | undefined, Flag>;
  search_text: string;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface ContactChannelsTable {
  id: Generated<number>;
  contact_id: string;
  kind: ContactChannelKind;
  value: string; // normalised: lower-case e-mail, digits-only phone
}

export interface ContractTypesTable {
  code: string;
  name: string;
  active: Flag;
  /** The ticket categories it covers: null every one, else a JSON array of codes (migration 034). */
  covered_categories: string | null;
  version: Generated<number>;
}

export interface ContractsTable {
  id: string;
  client_id: string;
  type: string;
  starts_on: string;
  ends_on: string | null;
  monthly_fee_cents: number;
  included_minutes_per_month: number | null;
  overage_rate_cents: number | null;
  sla_normal_minutes: number | null;
  sla_urgent_minutes: number | null;
  notes: string | null;
  cancelled_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface CategoriesTable {
  code: string;
  name: string;
  estimate_minutes: number;
  active: Flag;
}

export interface FolioCountersTable {
  year: number;
  last_value: number;
}

export interface TicketsTable {
  id: string;
  folio: string;
  client_id: string;
  contact_id: string | null;
  title: string;
  description: string;
  urgent: Flag;
  channel: Channel;
  category: string | null;
  service_kind: ServiceKind;
  contract_id: string | null;
  status: TicketStatus;
  assignee_id: string | null;
  received_at: Instant;
  response_due_at: Instant;
  responded_at: Instant | null;
  estimated_solution_minutes: number | null;
  estimated_solution_at: Instant | null;
  raw_minutes: number;
  billable_minutes: number | null;
  billing_status: BillingStatus;
  accepted_at: Instant | null;
  accepted_by_name: string | null;
  accepted_via: AcceptedVia | null;
  acceptance_override_reason: string | null;
  unknown_sender: Flag;
  search_text: string;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
  closed_at: Instant | null;
  version: number;
  escalation_level: Generated<number>;
  /** Who put it back in progress, while it is there (migration 035): the review or the client. */
  returned_by: Generated<"review" | "client" | null>;
  /** 1 once the ticket has its survey (answered or unreachable): out of the survey queue's index (migration 028). */
  survey_recorded: Generated<Flag>;
  // Report facts (migration 018), written by modules/reports/ledger.ts on every ticket write.
  attended_at: Generated<Instant | null>;
  report_day: Generated<string | null>;
  closed_day: Generated<string | null>;
  response_minutes: Generated<number | null>;
  response_wall_minutes: Generated<number | null>;
  attended_minutes: Generated<number | null>;
  closed_minutes: Generated<number | null>;
  // The hour bank's day (migration 022): the last time entry's instant and its local day.
  last_entry_at: Generated<Instant | null>;
  bank_day: Generated<string | null>;
}

/**
 * SQLite only: the FTS index's doc id of each ticket (migration 003), with a copy of its queue order and
 * of the columns the queue filters by (migration 021), kept by triggers on tickets.
 */
export interface TicketSearchDocsTable {
  doc_id: Generated<number>;
  ticket_id: string;
  urgent: Flag;
  response_due_at: Instant;
  status: TicketStatus;
  client_id: string;
  assignee_id: string | null;
}

export interface TicketHistoryTable {
  id: Generated<number>;
  ticket_id: string;
  at: Instant;
  actor_id: string | null;
  action: HistoryAction;
  from_status: TicketStatus | null;
  to_status: TicketStatus | null;
  reason: string | null;
  changes: string | null; // JSON
}

export interface TimeEntriesTable {
  id: string;
  ticket_id: string;
  user_id: string;
  started_at: Instant | null;
  ended_at: Instant | null;
  minutes: number;
  mode: AttentionMode;
  activity: string;
  created_by: string;
  created_at: Instant;
  /** Bumped by each correction (029_work_versions). */
  version: Generated<number>;
}

export interface ChargesTable {
  id: string;
  ticket_id: string;
  kind: ChargeKind;
  description: string;
  quantity: number;
  unit_price_cents: number;
  amount_cents: number;
  created_by: string;
  created_at: Instant;
  /** Bumped by each correction (029_work_versions). */
  version: Generated<number>;
}

export interface MessagesTable {
  id: string;
  ticket_id: string;
  author_id: string | null;
  kind: MessageKind;
  visibility: Visibility;
  body: string;
  created_at: Instant;
  /** The sender's address when the message came by e-mail. */
  email_from: string | null;
}

export interface SurveysTable {
  id: string;
  ticket_id: string;
  overall: number | null;
  technician: number | null;
  timeliness: number | null;
  comments: string | null;
  outcome: SurveyOutcome;
  recorded_by: string | null;
  recorded_at: Instant;
}

export interface SurveyAttemptsTable {
  id: Generated<number>;
  ticket_id: string;
  at: Instant;
  by_user_id: string | null;
  note: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  entity: string;
  entity_id: string;
  at: Instant;
  actor_id: string | null;
  action: string;
  changes: string | null;
}

export interface SettingsTable {
  key: string;
  value: string; // JSON
  updated_at: Instant;
  updated_by: string | null;
  version: Generated<number>;
}

/** A caller's Idempotency-Key: reserved (`in_progress`) before the request runs, then `done` with its answer. */
export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  state: "in_progress" | "done";
  owner: string; // random id of the request that holds the reservation
  response_status: number | null;
  response_body: string | null;
  created_at: Instant;
}

export interface JobsTable {
  name: string;
  locked_until: Instant | null;
  locked_by: string | null;
  last_run_at: Instant | null;
  last_error: string | null;
  last_failure_at: Instant | null;
}

/** A one-off background task (see src/server/platform/tasks). */
export interface TasksTable {
  id: string;
  kind: string;
  payload: string; // JSON
  dedupe_key: string | null;
  run_at: Instant;
  attempts: number;
  max_attempts: number;
  status: TaskStatus;
  locked_by: string | null;
  locked_until: Instant | null;
  last_error: string | null;
  created_at: Instant;
  updated_at: Instant;
  done_at: Instant | null;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  ticket_id: string | null;
  kind: string;
  /** Spanish text at the time of writing (kept for old readers); people read `code` + `params`. */
  message: string;
  /** `notification.*` catalogue code (server/i18n); null only before migration 010 ran. */
  code: string | null;
  /** JSON object of the code's parameters. */
  params: string | null;
  created_at: Instant;
  read_at: Instant | null;
}

export interface TimersTable {
  user_id: string; // one running timer per user
  ticket_id: string;
  started_at: Instant;
}

export interface StoredFilesTable {
  key: string; // e.g. "company-logo"
  content_type: string;
  size: number;
  data: string; // base64
  updated_at: Instant;
  updated_by: string | null;
}

/** A mail Mesa sends (src/server/modules/mail/outbox.ts). */
export interface OutboxTable {
  id: string;
  kind: OutboxKind;
  ticket_id: string | null;
  to_addr: string;
  cc: string; // JSON array
  subject: string;
  text_body: string;
  html_body: string;
  headers: string; // JSON: messageId, inReplyTo, references, extra headers
  message_id: string;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  locked_until: Instant | null;
  created_at: Instant;
  updated_at: Instant;
  sent_at: Instant | null;
  attachments: string | null; // JSON [{filename, contentType, base64 or storedFile}] (migration 012)
}

/** A link mailed to accept or reject a service order (modules/service-orders). */
export interface ServiceOrderLinksTable {
  id: string;
  ticket_id: string;
  expires_at: Instant;
  used_at: Instant | null;
  created_at: Instant;
}

/** An acceptance or rejection of a service order, with who, when, where from and how. */
export interface ServiceOrderDecisionsTable {
  id: string;
  ticket_id: string;
  decision: OrderDecision;
  method: DecisionMethod;
  signer_name: string | null;
  reason: string | null;
  ip: string | null;
  user_agent: string | null;
  actor_id: string | null;
  at: Instant;
}

/** Which notification kinds a staff user also receives by e-mail. */
export interface NotificationPrefsTable {
  user_id: string;
  kind: NotificationMailKind;
  by_email: Flag;
  updated_at: Instant;
}

/** A received mail, kept raw (src/server/modules/mail/inbound.ts). */
export interface InboundMailTable {
  id: string;
  message_id: string;
  source: InboundSource;
  envelope_from: string | null;
  from_addr: string | null;
  raw: Buffer;
  size: number;
  status: InboundStatus;
  reason: string | null;
  ticket_id: string | null;
  message_ref: string | null;
  received_at: Instant;
  processed_at: Instant | null;
}

export interface MailAttachmentsTable {
  id: string;
  ticket_id: string;
  inbound_id: string;
  filename: string;
  content_type: string;
  size: number;
  path: string; // relative to MESA_DATA_DIR/attachments
  created_at: Instant;
  uploaded_by: string | null; // the portal user or staff member who uploaded it (null: came by e-mail)
  visibility: Visibility; // `internal`: staff only, never listed or served in the portal (migration 033)
}

export interface PortalLinksTable {
  token_hash: string; // sha256 of the token in the link
  user_id: string;
  purpose: PortalLinkPurpose;
  next_path: string | null; // where the portal opens after signing in
  created_at: Instant;
  expires_at: Instant;
  used_at: Instant | null;
}

export interface PortalSessionsTable {
  id: string; // sha256 of the cookie value
  user_id: string;
  csrf_token: string;
  created_at: Instant;
  expires_at: Instant;
}

export interface PortalLinkRequestsTable {
  id: string;
  key: string; // addr:<email> | ip:<address>
  at: Instant;
}

export interface CreditRequestsTable {
  id: string;
  client_id: string;
  credit_days: number;
  credit_limit_cents: number;
  reason: string;
  status: "pending" | "approved" | "rejected";
  requested_by: string;
  requested_at: Instant;
  decided_by: string | null;
  decided_at: Instant | null;
  decision_reason: string | null;
}

export interface WarrantyCasesTable {
  id: string;
  ticket_id: string;
  manufacturer: string;
  model: string;
  serial: string;
  rma_number: string | null;
  sent_on: string | null;
  returned_on: string | null;
  status: WarrantyStatus;
  notes: string | null;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface LoanersTable {
  id: string;
  equipment: string;
  serial: string;
  state: LoanerState;
  notes: string | null;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface LoansTable {
  id: string;
  loaner_id: string;
  ticket_id: string;
  client_id: string;
  due_on: string;
  lent_by: string | null;
  lent_at: Instant;
  returned_by: string | null;
  returned_at: Instant | null;
  return_notes: string | null;
}

export interface RatesTable {
  id: string;
  rule_key: string;
  category: string | null;
  mode: AttentionMode | null;
  hourly_rate_cents: number;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface TicketRateOverridesTable {
  id: string;
  ticket_id: string;
  hourly_rate_cents: number;
  reason: string;
  actor_id: string | null;
  at: Instant;
}

export interface InvoiceCountersTable {
  year: number;
  last_value: number;
}

/** An invoice (prefactura) for the ERP; lines are JSON, frozen once issued. */
export interface InvoicesTable {
  id: string;
  folio: string;
  kind: "contract" | "event";
  run_key: string | null;
  client_id: string;
  client_name: string;
  client_rfc: string | null;
  contract_id: string | null;
  ticket_id: string | null;
  period: string | null;
  lines: string;
  subtotal_cents: number;
  tax_basis_points: number;
  tax_cents: number;
  total_cents: number;
  payment_terms: PaymentTerms;
  credit_days: number | null;
  due_on: string;
  status: "draft" | "issued" | "exported" | "paid" | "cancelled";
  erp_folio: string | null;
  issued_at: Instant | null;
  exported_at: Instant | null;
  paid_at: Instant | null;
  cancelled_at: Instant | null;
  cancel_reason: string | null;
  /** Where issuing mailed it; null before, or when the client had no address (migration 032). */
  mailed_to: string | null;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface InvoiceTicketsTable {
  ticket_id: string;
  invoice_id: string;
  contract_id: string | null;
  month: string;
  minutes: number;
}

export interface InvoiceChargesTable {
  charge_id: string;
  invoice_id: string;
}

export interface InvoiceOverageTable {
  invoice_id: string;
  contract_id: string;
  month: string;
  minutes: number;
}

export interface BillingRunsTable {
  period: string;
  started_at: Instant;
  completed_at: Instant | null;
}

export interface DB {
  rates: RatesTable;
  ticket_rate_overrides: TicketRateOverridesTable;
  invoice_counters: InvoiceCountersTable;
  invoices: InvoicesTable;
  invoice_tickets: InvoiceTicketsTable;
  invoice_charges: InvoiceChargesTable;
  invoice_overage: InvoiceOverageTable;
  billing_runs: BillingRunsTable;
  portal_links: PortalLinksTable;
  portal_sessions: PortalSessionsTable;
  portal_link_requests: PortalLinkRequestsTable;
  credit_requests: CreditRequestsTable;
  warranty_cases: WarrantyCasesTable;
  loaners: LoanersTable;
  loans: LoansTable;
  timers: TimersTable;
  stored_files: StoredFilesTable;
  outbox: OutboxTable;
  service_order_links: ServiceOrderLinksTable;
  service_order_decisions: ServiceOrderDecisionsTable;
  notification_prefs: NotificationPrefsTable;
  inbound_mail: InboundMailTable;
  mail_attachments: MailAttachmentsTable;
  notifications: NotificationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  clients: ClientsTable;
  contacts: ContactsTable;
  contact_channels: ContactChannelsTable;
  contract_types: ContractTypesTable;
  contracts: ContractsTable;
  categories: CategoriesTable;
  folio_counters: FolioCountersTable;
  tickets: TicketsTable;
  ticket_search_docs: TicketSearchDocsTable;
  ticket_history: TicketHistoryTable;
  time_entries: TimeEntriesTable;
  charges: ChargesTable;
  messages: MessagesTable;
  surveys: SurveysTable;
  survey_attempts: SurveyAttemptsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  jobs: JobsTable;
  tasks: TasksTable;
  idempotency_keys: IdempotencyKeysTable;
  report_daily: ReportDailyTable;
  report_minutes: ReportMinutesTable;
  report_summary_state: ReportSummaryStateTable;
}

/**
 * Per local day (or month) × filter dimension value × kind × urgency: what the reports add up
 * (migrations 018, 022).
 */
export interface ReportDailyTable {
  /** 'd': a local day's row; 'm': a month's (the sum of its days), on the month's first day. */
  grain: "d" | "m";
  day: string;
  dim: "all" | "client" | "category" | "technician" | "channel" | "contract";
  key: string;
  service_kind: ServiceKind;
  urgent: Flag;
  received: Generated<number>;
  met: Generated<number>;
  late: Generated<number>;
  unanswered: Generated<number>;
  raw_minutes: Generated<number>;
  billable_minutes: Generated<number>;
  closed: Generated<number>;
  answered: Generated<number>;
  unreachable: Generated<number>;
  overall_sum: Generated<number>;
  overall_n: Generated<number>;
  technician_sum: Generated<number>;
  technician_n: Generated<number>;
  timeliness_sum: Generated<number>;
  timeliness_n: Generated<number>;
  bank_minutes: Generated<number>;
  bank_tickets: Generated<number>;
}

/** Histograms of report minutes per local day (or month) × dimension value × measure (migration 022). */
export interface ReportMinutesTable {
  grain: "d" | "m";
  day: string;
  dim: "all" | "client" | "category" | "technician" | "channel";
  key: string;
  measure: "response" | "wall" | "attended" | "closed";
  service_kind: ServiceKind;
  urgent: Flag;
  /** The bucket's upper edge in minutes (domain/reports/minutes.ts). */
  bucket: number;
  n: Generated<number>;
  total: Generated<number>;
}

export interface ReportSummaryStateTable {
  id: number;
  /** The calendar the summary is complete for (null: never built). */
  calendar_key: string | null;
  built_at: string | null;
  /** The rebuild under way: its calendar, its task's token and the last ticket id it finished. */
  target_key: string | null;
  token: string | null;
  cursor: string | null;
}
