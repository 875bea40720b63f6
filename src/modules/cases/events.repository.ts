import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface NewCaseEvent {
  caseId: string;
  type: string;
  actorId?: string | null;
  actorRole?: string | null;
  department?: string | null;
  data?: Record<string, unknown>;
}

/** Appends to a case's history. Takes a transaction: an event is written with its change or not at all. */
export async function appendEvents(trx: Transaction<DB>, events: NewCaseEvent[]): Promise<void> {
  if (events.length === 0) return;
  await trx
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
    .execute();
}
