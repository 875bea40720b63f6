import type { Kysely } from 'kysely';
import type { DB, Topic } from '../../db/schema.js';

export async function listActiveTopics(db: Kysely<DB>): Promise<Topic[]> {
  return db.selectFrom('topics').selectAll().where('active', '=', true).orderBy('sort_order').orderBy('code').execute();
}

export async function findActiveTopics(db: Kysely<DB>, codes: readonly string[]): Promise<Pick<Topic, 'code' | 'response_days'>[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('topics')
    .select(['code', 'response_days'])
    .where('code', 'in', [...codes])
    .where('active', '=', true)
    .execute();
}
