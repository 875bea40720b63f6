import type { ColumnType } from 'kysely';

// The TypeScript types of columns that PostgreSQL stores as plain text (kept to a set of
// values by a CHECK constraint) or as jsonb. Introspection sees only `text` and `jsonb`,
// so .kysely-codegenrc.json names these types for the generated src/db/generated.ts.
// The string unions repeat the CHECK constraints of migrations/: change both together.

export type { Role } from '../domain/principal.js';

export type NoteVisibility = 'department' | 'case' | 'enterprise';

export type Channel = 'web' | 'api';

export type Language = 'da' | 'en';

export type { NewAssignmentsPreference } from '../domain/notifications.js';

export type RoutingTableStatus = 'draft' | 'published' | 'retired';

export type RoutingTableAction = 'created' | 'imported' | 'edited' | 'published' | 'retired';

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export type WebhookAttemptTrigger = 'scheduled' | 'manual';

/**
 * A jsonb column the code writes as JSON text (`JSON.stringify`, cast by PostgreSQL) and
 * reads back parsed, as `T`.
 */
export type JsonColumn<T> = ColumnType<T, string, string>;

/** A jsonb column written once with its row (history, outbox, stored responses). */
export type JsonWrittenOnce<T> = ColumnType<T, string, never>;
