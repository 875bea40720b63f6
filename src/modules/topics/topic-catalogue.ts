import type { Database } from '../../db/database.js';
import type { Topic } from '../../db/schema.js';
import { listActiveTopics } from './topics.repository.js';

/**
 * The active topics, kept in memory and read again at most every `ttlMs`. The catalogue
 * changes only by migration or by an operator's hand, so a short delay is harmless, and
 * the intake saves a round trip to the database on every submission.
 */
export class TopicCatalogue {
  private cached: { readAt: number; topics: Map<string, Topic> } | null = null;
  private reading: Promise<Map<string, Topic>> | null = null;

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 30_000,
  ) {}

  async active(): Promise<Map<string, Topic>> {
    if (this.cached && Date.now() - this.cached.readAt < this.ttlMs) return this.cached.topics;
    // Requests arriving while the catalogue is read share the one read.
    this.reading ??= listActiveTopics(this.db)
      .then((rows) => {
        const topics = new Map(rows.map((topic) => [topic.code, topic]));
        this.cached = { readAt: Date.now(), topics };
        return topics;
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }
}
