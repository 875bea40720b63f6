import { type Kysely, sql, type Transaction } from 'kysely';
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

/**
 * Appends to a case's history. Takes a transaction: an event is written with its change or
 * not at all, and so are the webhook deliveries announcing it (the outbox). The statement
 * that appends the events also finds the endpoints to tell, so that a change whose events
 * nobody subscribes to costs one round trip here.
 */
export async function appendEvents(trx: Transaction<DB>, events: NewCaseEvent[]): Promise<void> {
  if (events.length === 0) return;
  const types = announcedTypes(events.map((event) => ({ type: event.type, data: event.data ?? {} })));
  const caseIds = [...new Set(events.map((event) => event.caseId))];
  const rows = await trx
    .with('appended', (db) =>
      db
        .insertInto('case_events')
        .values(
          events.map((event) => ({
            case_id: event.caseId,
            type: event.type,
            actor_id: event.actorId ?? null,
            actor_role: event.actorRole ?? null,
            department: event.department ?? null,
            data: JSON.stringify(event.data ?? {}),
          })),
        )
        .returning(['id', 'case_id', 'type', 'department', 'data', 'created_at']),
    )
    .selectFrom('appended')
    .selectAll()
    .select(types.length > 0 ? recipientsOf(caseIds, types).as('recipients') : sql<Recipient[]>`'[]'::json`.as('recipients'))
    .orderBy('appended.id')
    .execute();
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
    rows[0]?.recipients ?? [],
  );
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
