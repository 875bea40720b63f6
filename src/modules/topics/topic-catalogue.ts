import type { Database } from '../../db/database.js';
import type { Topic } from '../../db/schema.js';
import { listActiveTopics } from './topics.repository.js';

/**
 * The active topics, kept in memory and read again when they are older than `ttlMs`. The
 * catalogue changes only by migration or by an operator's hand, so a short delay is
 * harmless, and the intake saves a round trip to the database on every submission. Only
 * the first read is waited for: later ones happen in the background while callers get the
 * copy they have, so that no request waits for a pooled connection to read it.
 */
export class TopicCatalogue {
  private cached: { readAt: number; topics: Map<string, Topic> } | null = null;
  private reading: Promise<Map<string, Topic>> | null = null;

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 30_000,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  async active(): Promise<Map<string, Topic>> {
    if (!this.cached) return this.read();
    if (Date.now() - this.cached.readAt >= this.ttlMs) this.read().catch(this.onError);
    return this.cached.topics;
  }

  /** Reads the catalogue; calls arriving while it is read share the one read. */
  private read(): Promise<Map<string, Topic>> {
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
