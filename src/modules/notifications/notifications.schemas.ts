import { z } from 'zod';
import { NEW_ASSIGNMENTS_PREFERENCES } from '../../domain/notifications.js';

export const notificationPreferencesSchema = z
  .strictObject({
    newAssignments: z
      .enum(NEW_ASSIGNMENTS_PREFERENCES)
      .describe(
        'How you hear of a new assignment in one of your departments (at intake, or by a transfer, involvement or re-route): `immediately`, one mail per assignment; `daily`, one digest a day at `NOTIFY_DIGEST_HOUR` (Danish time) of those still waiting in the queue; `off`, none. `daily` until you choose',
      ),
  })
  .describe('Which mail you get about your work. Overdue reminders go to every caseworker with an overdue assignment, once a day')
  .meta({ id: 'NotificationPreferences' });

export type NotificationPreferencesInput = z.output<typeof notificationPreferencesSchema>;
