import { type Kysely, sql } from 'kysely';
import { DEFAULT_NEW_ASSIGNMENTS, type NewAssignmentsPreference } from '../../domain/notifications.js';
import type { DB } from '../../db/schema.js';

// notification_preferences is written here only: the users module owns `users`, this
// module what a user wants to be mailed.

export interface NotificationPreferences {
  newAssignments: NewAssignmentsPreference;
}

export async function findPreferences(db: Kysely<DB>, userId: string): Promise<NotificationPreferences> {
  const row = await db.selectFrom('notification_preferences').select('new_assignments').where('user_id', '=', userId).executeTakeFirst();
  return { newAssignments: row?.new_assignments ?? DEFAULT_NEW_ASSIGNMENTS };
}

export async function upsertPreferences(db: Kysely<DB>, userId: string, preferences: NotificationPreferences): Promise<NotificationPreferences> {
  const row = await db
    .insertInto('notification_preferences')
    .values({ user_id: userId, new_assignments: preferences.newAssignments })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ new_assignments: preferences.newAssignments, updated_at: sql`now()` }))
    .returning('new_assignments')
    .executeTakeFirstOrThrow();
  return { newAssignments: row.new_assignments };
}
