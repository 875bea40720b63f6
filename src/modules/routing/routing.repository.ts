import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RoutingRule, RoutingTableDefinition } from '../../domain/routing.js';

export async function findPublishedVersion(db: Kysely<DB>): Promise<number | null> {
  const row = await db.selectFrom('routing_tables').select('version').where('status', '=', 'published').executeTakeFirst();
  return row?.version ?? null;
}

export async function findTableDefinition(db: Kysely<DB>, version: number): Promise<RoutingTableDefinition | null> {
  const row = await db
    .selectFrom('routing_tables')
    .select(['version', 'fallback_department', 'rules'])
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) return null;
  return { version: row.version, fallbackDepartment: row.fallback_department, rules: row.rules as RoutingRule[] };
}
