import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { pendingMigrations } from '../../db/migrate.js';
import { ServiceUnavailableError } from '../../errors.js';
import { problemResponses } from '../../plugins/errors.js';

const healthSchema = z.object({ status: z.literal('ok') });

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  // Once every migration is seen applied it stays applied for this process's code.
  let migrationsApplied = false;

  app.get(
    '/healthz',
    {
      logLevel: 'warn',
      schema: { operationId: 'liveness', tags: ['Operations'], security: [], summary: 'The process is alive', response: { 200: healthSchema } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      logLevel: 'warn',
      schema: {
        operationId: 'readiness',
        tags: ['Operations'],
        security: [],
        summary: 'Ready to serve: the database answers and every migration is applied',
        response: { 200: healthSchema, ...problemResponses(503) },
      },
    },
    async () => {
      try {
        await sql`SELECT 1`.execute(app.db);
        if (!migrationsApplied) {
          const pending = await pendingMigrations(app.db);
          if (pending.length > 0) throw new ServiceUnavailableError(`Migrations not applied: ${pending.join(', ')}`);
          migrationsApplied = true;
        }
      } catch (error) {
        if (error instanceof ServiceUnavailableError) throw error;
        throw new ServiceUnavailableError('The database is not reachable.');
      }
      return { status: 'ok' as const };
    },
  );
};

export default healthRoutes;
