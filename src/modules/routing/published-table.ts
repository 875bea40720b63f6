import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type CompiledRoutingTable, compileRoutingTable } from '../../domain/routing-compiled.js';
import { findPublishedVersion, findTableDefinition } from './routing.repository.js';

/**
 * The published routing table, compiled once per version and kept in memory. Each use
 * asks the database which version is published (one indexed lookup, inside the caller's
 * transaction), so a publish by any process takes effect on the very next inquiry and
 * every case records the version that really routed it.
 */
export class PublishedRoutingTable {
  private compiled: CompiledRoutingTable | null = null;

  async current(db: Kysely<DB>): Promise<CompiledRoutingTable> {
    const version = await findPublishedVersion(db);
    if (version === null) throw new Error('No routing table is published');
    if (this.compiled?.definition.version === version) return this.compiled;
    const definition = await findTableDefinition(db, version);
    if (!definition) throw new Error(`Routing table ${version} vanished`);
    this.compiled = compileRoutingTable(definition);
    return this.compiled;
  }
}
