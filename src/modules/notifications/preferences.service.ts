import type { Database } from '../../db/database.js';
import type { NotificationPreferencesInput } from './notifications.schemas.js';
import { findPreferences, type NotificationPreferences, upsertPreferences } from './preferences.repository.js';

export function myPreferences(db: Database, userId: string): Promise<NotificationPreferences> {
  return findPreferences(db, userId);
}

export function changeMyPreferences(db: Database, userId: string, input: NotificationPreferencesInput): Promise<NotificationPreferences> {
  // One statement, so no transaction of its own: the row is the user's whole choice.
  return upsertPreferences(db, userId, input);
}
