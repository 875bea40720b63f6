import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { CaseEvent, CaseEventType } from '../../domain/case-events.js';
import type { DB } from '../../db/schema.js';
import { enqueueNotifications } from '../notifications/notification-jobs.js';
import { announcedTypes, type Recipient, recipientsOf, writeWebhookOutbox } from '../webhooks/outbox.repository.js';

/** An event of the catalogue as it is written: with its case and who made it. */
export type NewCaseEvent = CaseEvent & {
  caseId: string;
  actorId?: string | null;
  actorRole?: string | null;
};

/** The row of each event, for the statement that appends them. */
export function caseEventRows(events: readonly NewCaseEvent[]) {
  return events.map((event) => ({
    case_id: event.caseId,
    type: event.type,
    actor_id: event.actorId ?? null,
    actor_role: event.actorRole ?? null,
    department: event.department ?? null,
    data: JSON.stringify(event.data),
  }));
}

/** What the statement appending events returns of each, for the outbox. */
export const appendedColumns = ['id', 'case_id', 'type', 'department', 'data', 'created_at'] as const;

export interface AppendedRow {
  id: string;
  case_id: string;
  type: CaseEventType;
  department: string | null;
  data: unknown;
  created_at: Date;
}

/** Appended events read as JSON, their times back to Dates (the names are the catalogue's: only its events are written). */
export function appendedFromJson(
  json: ReadonlyArray<Omit<AppendedRow, 'created_at' | 'type'> & { type: string; created_at: string | Date }>,
): AppendedRow[] {
  return json.map((event) => ({ ...event, type: event.type as CaseEventType, created_at: new Date(event.created_at) }));
}

/**
 * Endpoints that may hear of these events (`recipientsOf`), as an expression for the
 * statement that appends them: a change whose events nobody subscribes to then costs no
 * round trip for its webhooks.
 */
export function recipientsOfEvents(events: readonly NewCaseEvent[]): RawBuilder<Recipient[]> {
  const types = announcedTypes(events);
  const caseIds = [...new Set(events.map((event) => event.caseId))];
  return types.length > 0 ? recipientsOf(caseIds, types) : sql<Recipient[]>`'[]'::json`;
}

/**
 * Writes the webhook deliveries announcing the events just appended (the outbox) and the
 * messages they send the enterprise, in the same transaction; `outboxWritten` when the
 * statement that appended them wrote the messages already (the intake's, see `openCase`).
 */
export async function announceEvents(
  trx: Transaction<DB>,
  rows: readonly AppendedRow[],
  recipients: Recipient[],
  { outboxWritten = false }: { outboxWritten?: boolean } = {},
): Promise<void> {
  const events = rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    ...({ type: row.type, data: row.data } as CaseEvent),
    department: row.department,
    createdAt: row.created_at,
  }));
  await writeWebhookOutbox(trx, events, recipients);
  if (!outboxWritten) await enqueueNotifications(trx, events);
}

/**
 * Appends one event that changes nothing else on the case (the record of a message
 * sent). It takes no lock on the case: the event depends on nothing the lock guards, and
 * a claim that met the case locked would skip it (SKIP LOCKED) and find the queue empty.
 * The case's revision stays: its content, which ETags guard, did not change.
 */
export async function appendCaseEvent(trx: Transaction<DB>, event: NewCaseEvent): Promise<void> {
  // One statement: the event, and the webhook endpoints to tell of it.
  const rows = await trx
    .with('appended', (db) => db.insertInto('case_events').values(caseEventRows([event])).returning(appendedColumns))
    .selectFrom('appended')
    .selectAll()
    .select(recipientsOfEvents([event]).as('recipients'))
    .execute();
  await announceEvents(trx, rows, rows[0]?.recipients ?? []);
}

export interface CaseEventRow {
  id: string;
  type: CaseEventType;
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
  return rows.map((row) => ({ ...row, data: row.data ?? {} }));
}
