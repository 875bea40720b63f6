import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { NotificationListener } from '../../db/pg-listener.js';
import type { Principal } from '../../domain/principal.js';
import { UnauthorizedError } from '../../errors.js';
import { findPrincipalByTokenHash, type PrincipalRow, touchToken } from './auth.repository.js';
import { HEARTBEAT_INTERVAL_MS, PRINCIPALS_CHANGED_CHANNEL, PrincipalCache } from './principal-cache.js';
import { hashSecret } from './tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling: null for an anonymous request (the public form and status page). */
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Principals of recently used tokens; a route that changes users or tokens forgets them before it answers. */
    principals: PrincipalCache;
  }
  interface FastifyContextConfig {
    /** The route reads the Authorization header itself: it carries no API token (GET /metrics). */
    ownAuthorization?: boolean;
  }
}

const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_CACHED_PRINCIPALS = 10_000;

/**
 * Resolves the bearer token of every request once, before routing decides anything. An
 * anonymous request is allowed through (public endpoints); a token that is present but
 * unknown, revoked or expired is always 401, never silently treated as anonymous.
 */
async function authPlugin(app: FastifyInstance): Promise<void> {
  app.decorateRequest('principal', null);
  const { DATABASE_URL, TOKEN_CACHE_TTL_MS } = app.config;
  const principals = new PrincipalCache({ ttlMs: TOKEN_CACHE_TTL_MS, maxEntries: MAX_CACHED_PRINCIPALS });
  app.decorate('principals', principals);
  if (DATABASE_URL && TOKEN_CACHE_TTL_MS > 0) {
    const listener = new NotificationListener({
      connectionString: DATABASE_URL,
      channel: PRINCIPALS_CHANGED_CHANNEL,
      onNotification: () => principals.forget(),
      onListening: () => principals.setListening(true),
      heartbeat: { intervalMs: HEARTBEAT_INTERVAL_MS, onHeartbeat: (sentAt) => principals.caughtUp(sentAt) },
      onError: (err) => {
        principals.setListening(false);
        app.log.warn({ err: { message: (err as Error).message } }, 'token change notifications interrupted; looking every token up until they are back');
      },
    });
    app.addHook('onReady', async () => listener.start());
    app.addHook('onClose', async () => {
      principals.setListening(false);
      await listener.stop();
    });
  }

  /** The token's principal, from memory while the process is known to have heard every change older than the bound. */
  async function lookUp(tokenHash: Buffer, key: string): Promise<PrincipalRow | null> {
    const cached = principals.get(key);
    if (cached) return cached;
    const generation = principals.generation;
    const row = await findPrincipalByTokenHash(app.db, tokenHash);
    if (row) principals.set(key, row, generation);
    return row;
  }

  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header === undefined || request.routeOptions.config.ownAuthorization) return;
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{16,512})\s*$/i.exec(header);
    if (!match?.[1]) throw new UnauthorizedError('The Authorization header must be "Bearer <token>".');
    const tokenHash = hashSecret(match[1]);
    const key = tokenHash.toString('base64');
    const row = await lookUp(tokenHash, key);
    if (!row) throw new UnauthorizedError('The token is unknown, revoked or expired.');
    request.principal = {
      userId: row.userId,
      tokenId: row.tokenId,
      name: row.name,
      role: row.role,
      departments: row.departments,
    };
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      principals.touched(key, new Date());
      // Bookkeeping only: a failure here must not fail the request.
      touchToken(app.db, row.tokenId).catch((err: unknown) => request.log.debug({ err }, 'could not record token use'));
    }
  });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['db', 'errors'] });
