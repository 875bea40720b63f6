import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { announcedTypes, type Recipient, recipientsOf, writeWebhookOutbox } from '../webhooks/outbox.repository.js';

export interface NewCaseEvent {
  caseId: string;
  type: string;
  actorId?: string | null;
  actorRole?: string | null;
  department?: string | null;
  data?: Record<string, unknown>;
}

/** The row of each event, for the statement that appends them. */
export function caseEventRows(events: readonly NewCaseEvent[]) {
  return events.map((event) => ({
    case_id: event.caseId,
    type: event.type,
    actor_id: event.actorId ?? null,
    actor_role: event.actorRole ?? null,
    department: event.department ?? null,
    data: JSON.stringify(event.data ?? {}),
  }));
}

/** What the statement appending events returns of each, for the outbox. */
export const appendedColumns = ['id', 'case_id', 'type', 'department', 'data', 'created_at'] as const;

export interface AppendedRow {
  id: string;
  case_id: string;
  type: string;
  department: string | null;
  data: unknown;
  created_at: Date;
}

/** Appended events read as JSON, their times back to Dates. */
export function appendedFromJson(json: ReadonlyArray<Omit<AppendedRow, 'created_at'> & { created_at: string | Date }>): AppendedRow[] {
  return json.map((event) => ({ ...event, created_at: new Date(event.created_at) }));
}

/**
 * Endpoints that may hear of these events (`recipientsOf`), as an expression for the
 * statement that appends them: a change whose events nobody subscribes to then costs no
 * round trip for its webhooks.
 */
export function recipientsOfEvents(events: readonly NewCaseEvent[]): RawBuilder<Recipient[]> {
  const types = announcedTypes(events.map((event) => ({ type: event.type, data: event.data ?? {} })));
  const caseIds = [...new Set(events.map((event) => event.caseId))];
  return types.length > 0 ? recipientsOf(caseIds, types) : sql<Recipient[]>`'[]'::json`;
}

/** Writes the webhook deliveries announcing the events just appended (the outbox), in the same transaction. */
export async function announceEvents(trx: Transaction<DB>, rows: readonly AppendedRow[], recipients: Recipient[]): Promise<void> {
  await writeWebhookOutbox(
    trx,
    rows.map((row) => ({
      id: row.id,
      caseId: row.case_id,
      type: row.type,
      department: row.department,
      data: row.data as Record<string, unknown>,
      createdAt: row.created_at,
    })),
    recipients,
  );
}

/**
 * Appends to a case's history. Takes a transaction: an event is written with its change or
 * not at all, and so are the webhook deliveries announcing it (the outbox), whose
 * recipients the appending statement finds.
 */
export async function appendEvents(trx: Transaction<DB>, events: NewCaseEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = await trx
    .with('appended', (db) => db.insertInto('case_events').values(caseEventRows(events)).returning(appendedColumns))
    .selectFrom('appended')
    .selectAll()
    .select(recipientsOfEvents(events).as('recipients'))
    .orderBy('appended.id')
    .execute();
  await announceEvents(trx, rows, rows[0]?.recipients ?? []);
}

export interface CaseEventRow {
  id: string;
  type: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  department: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** A case's whole history, oldest first. */
export async function findEvents(db: Kysely<DB>, caseId: string): Promise<CaseEventRow[]> {
  const rows = await db
    .selectFrom('case_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select([
      'e.id',
      'e.type',
      'e.actor_id as actorId',
      'u.name as actorName',
      'e.actor_role as actorRole',
      'e.department',
      'e.data',
      'e.created_at as createdAt',
    ])
    .where('e.case_id', '=', caseId)
    .orderBy('e.id')
    .execute();
  return rows.map((row) => ({ ...row, data: (row.data ?? {}) as Record<string, unknown> }));
}
