import type { Kysely, Updateable } from 'kysely';
import type { DB, Topic } from '../../db/schema.js';
import type { Topics } from '../../db/generated.js';

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

/** Changes a topic; an empty change just reads it. Null when there is no such topic. */
export async function updateTopic(db: Kysely<DB>, code: string, change: Updateable<Topics>): Promise<Topic | null> {
  if (Object.keys(change).length === 0) return (await db.selectFrom('topics').selectAll().where('code', '=', code).executeTakeFirst()) ?? null;
  return (await db.updateTable('topics').set(change).where('code', '=', code).returningAll().executeTakeFirst()) ?? null;
}
