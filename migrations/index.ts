import type { Migration } from 'kysely';
import * as initial from './20261126_0001_initial.js';
import * as seedCatalogue from './20261126_0002_seed_catalogue.js';
import * as caseworkers from './20261126_0100_caseworkers.js';
import * as routingAdmin from './20261126_0200_routing_admin.js';
import * as webhooks from './20261126_0300_webhooks.js';
import * as principalNotifications from './20261129_0400_principal_notifications.js';
import * as notifications from './20261129_0500_notifications.js';
import * as notificationOutbox from './20261129_0600_notification_outbox.js';
import * as signInLinks from './20261129_0700_sign_in_links.js';
import * as staffSessions from './20261129_0710_staff_sessions.js';
import * as statistics from './20261129_1000_statistics.js';
import * as notificationPreferences from './20261129_1100_notification_preferences.js';
import * as staffNotificationsSent from './20261129_1110_staff_notifications_sent.js';
import * as staffSignInAttempts from './20261129_1400_staff_sign_in_attempts.js';
import * as assignmentPolicies from './20261129_1500_assignment_policies.js';
import * as assignOpenedCase from './20261129_1510_assign_opened_case.js';
import * as retention from './20261129_1600_retention.js';
import * as metricsIndexes from './20261129_1700_metrics_indexes.js';
import * as casesFillfactor from './20261130_0400_cases_fillfactor.js';

/**
 * Every migration, by name, in the order they apply. Listed statically (rather than read
 * from the folder at run time) so the same list works under tsx, jest and compiled code.
 */
export const migrations: Record<string, Migration> = {
  '20261126_0001_initial': initial,
  '20261126_0002_seed_catalogue': seedCatalogue,
  '20261126_0100_caseworkers': caseworkers,
  '20261126_0200_routing_admin': routingAdmin,
  '20261126_0300_webhooks': webhooks,
  '20261129_0400_principal_notifications': principalNotifications,
  '20261129_0500_notifications': notifications,
  '20261129_0600_notification_outbox': notificationOutbox,
  '20261129_0700_sign_in_links': signInLinks,
  '20261129_0710_staff_sessions': staffSessions,
  '20261129_1000_statistics': statistics,
  '20261129_1100_notification_preferences': notificationPreferences,
  '20261129_1110_staff_notifications_sent': staffNotificationsSent,
  '20261129_1400_staff_sign_in_attempts': staffSignInAttempts,
  '20261129_1500_assignment_policies': assignmentPolicies,
  '20261129_1510_assign_opened_case': assignOpenedCase,
  '20261129_1600_retention': retention,
  '20261129_1700_metrics_indexes': metricsIndexes,
  '20261130_0400_cases_fillfactor': casesFillfactor,
};
