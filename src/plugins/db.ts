import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../db/database.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

export interface DbPluginOptions {
  db: Database;
  /** Destroy the pool when the app closes (false when the caller owns it). */
  owned: boolean;
}

async function dbPlugin(app: FastifyInstance, { db, owned }: DbPluginOptions): Promise<void> {
  app.decorate('db', db);
  if (owned) app.addHook('onClose', async () => db.destroy());
}

export default fp(dbPlugin, { name: 'db' });
