import type { Insertable, Selectable } from 'kysely';
import type { Departments, Inquiries, Topics, WebhookEndpoints } from './generated.js';

// The database's types for the rest of the code. The table interfaces are generated from
// the migrated schema (`npm run db:types`, into generated.ts); this module names the few
// row types the code uses and the string unions of text columns, so callers need not
// know which of them came from introspection.

export type { DB } from './generated.js';
export type { AssignmentRole, AssignmentStatus, CaseStatus } from '../domain/case-state.js';
export type {
  Channel,
  Language,
  NoteVisibility,
  Role,
  RoutingTableAction,
  RoutingTableStatus,
  WebhookAttemptTrigger,
  WebhookDeliveryStatus,
} from './column-types.js';

export type Department = Selectable<Departments>;
export type Topic = Selectable<Topics>;
export type NewInquiry = Insertable<Inquiries>;
/** The webhook_endpoints table, by the name its repository knows it. */
export type WebhookEndpointsTable = WebhookEndpoints;
