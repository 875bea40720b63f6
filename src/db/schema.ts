import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AssignmentRole, AssignmentStatus, CaseStatus } from '../domain/case-state.js';
import type { Role } from '../domain/principal.js';

export type { AssignmentRole, AssignmentStatus, CaseStatus, Role };

// Hand-written table interfaces, one per table created in migrations/. Keep them in step
// with the migrations; the API tests exercise every column through real queries.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface DepartmentsTable {
  code: string;
  name_da: string;
  name_en: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface TopicsTable {
  code: string;
  name_da: string;
  name_en: string;
  description_da: string;
  description_en: string;
  response_days: number;
  sort_order: Generated<number>;
  active: Generated<boolean>;
}

export interface UsersTable {
  id: Generated<string>;
  name: string;
  email: string;
  role: Role;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UserDepartmentsTable {
  user_id: string;
  department_code: string;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: Buffer;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  created_at: CreatedAt;
}

export type RoutingTableStatus = 'draft' | 'published' | 'retired';

export interface RoutingTablesTable {
  version: Generated<number>;
  status: RoutingTableStatus;
  fallback_department: string;
  rules: ColumnType<unknown, string, string>;
  note: string | null;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
  published_at: Date | null;
  published_by: string | null;
  retired_at: Date | null;
  revision: Generated<number>;
  copied_from: number | null;
  publish_reason: string | null;
  publish_forced: Generated<boolean>;
}

export type RoutingTableAction = 'created' | 'imported' | 'edited' | 'published' | 'retired';

export interface RoutingTableEventsTable {
  id: Generated<string>;
  version: number;
  action: RoutingTableAction;
  actor_id: string | null;
  data: ColumnType<unknown, string | undefined, never>;
  created_at: CreatedAt;
}

export interface RoutingGoldenCasesTable {
  id: Generated<string>;
  name: string;
  inquiry: ColumnType<unknown, string, string>;
  expected_lead: string;
  expected_involved: string[];
  created_at: CreatedAt;
  created_by: string | null;
}

export type Channel = 'web' | 'api';

export interface InquiriesTable {
  id: Generated<string>;
  received_at: CreatedAt;
  channel: Channel;
  submitted_by: string | null;
  cvr: string;
  enterprise_name: string;
  postcode: string | null;
  employees: number | null;
  registered_social_enterprise: boolean | null;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  topics: string[];
  subject: string;
  description: string;
  language: 'da' | 'en';
  consent: boolean;
}

export interface CasesTable {
  id: Generated<string>;
  inquiry_id: string;
  reference: string;
  status: CaseStatus;
  lead_department: string;
  routing_version: number;
  matched_rule_ids: string[];
  tracking_token_hash: Buffer;
  revision: Generated<number>;
  /** The earliest due date among open assignments (the lead's once none is open). */
  due_date: ColumnType<string, string, string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  closed_at: Date | null;
}

export interface AssignmentsTable {
  id: Generated<string>;
  case_id: string;
  department_code: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  assignee_id: string | null;
  priority: Generated<number>;
  due_date: ColumnType<string, string, string>;
  queued_at: Timestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CaseEventsTable {
  id: Generated<string>;
  case_id: string;
  type: string;
  actor_id: string | null;
  actor_role: string | null;
  department: string | null;
  data: ColumnType<unknown, string, never>;
  created_at: CreatedAt;
}

export type NoteVisibility = 'department' | 'case' | 'enterprise';

export interface CaseNotesTable {
  id: Generated<string>;
  case_id: string;
  author_id: string;
  author_role: Role;
  department: string | null;
  visibility: NoteVisibility;
  body: string;
  created_at: CreatedAt;
}

export interface CaseReadsTable {
  id: Generated<string>;
  case_id: string;
  user_id: string;
  token_id: string | null;
  role: Role;
  action: string;
  request_id: string | null;
  read_at: CreatedAt;
}

export interface IdempotencyKeysTable {
  scope: string;
  key_hash: Buffer;
  request_hash: Buffer;
  response_status: number;
  response_body: ColumnType<unknown, string, never>;
  sealed_secret: Buffer | null;
  created_at: CreatedAt;
}

export interface WebhookEndpointsTable {
  id: Generated<string>;
  owner_id: string;
  url: string;
  events: string[];
  description: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  endpoint_id: string;
  case_id: string;
  case_event_id: string;
  event_type: string;
  payload: ColumnType<unknown, string, never>;
  status: WebhookDeliveryStatus;
  attempt_count: Generated<number>;
  failed_in_row: Generated<number>;
  first_failed_at: Date | null;
  next_attempt_at: Date | null;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  last_error: string | null;
  created_at: CreatedAt;
}

export type WebhookAttemptTrigger = 'scheduled' | 'manual';

export interface WebhookAttemptsTable {
  id: Generated<string>;
  delivery_id: string;
  endpoint_id: string;
  attempted_at: CreatedAt;
  trigger: WebhookAttemptTrigger;
  succeeded: boolean;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  response_excerpt: string | null;
}

export interface DB {
  departments: DepartmentsTable;
  topics: TopicsTable;
  users: UsersTable;
  user_departments: UserDepartmentsTable;
  api_tokens: ApiTokensTable;
  routing_tables: RoutingTablesTable;
  routing_table_events: RoutingTableEventsTable;
  routing_golden_cases: RoutingGoldenCasesTable;
  inquiries: InquiriesTable;
  cases: CasesTable;
  assignments: AssignmentsTable;
  case_events: CaseEventsTable;
  case_notes: CaseNotesTable;
  case_reads: CaseReadsTable;
  idempotency_keys: IdempotencyKeysTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
}

export type Department = Selectable<DepartmentsTable>;
export type Topic = Selectable<TopicsTable>;
export type NewInquiry = Insertable<InquiriesTable>;
