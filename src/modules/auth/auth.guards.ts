import type { FastifyRequest } from 'fastify';
import { type Caller, hasRole, type Principal, type Role } from '../../domain/principal.js';
import { ForbiddenError, UnauthorizedError } from '../../errors.js';

// What routes behind a token need from the auth plugin, which sets `request.principal`
// before routing (auth.plugin.ts). Every route module takes its caller from here.

/** preHandler that lets only the given roles through: 401 without a token, 403 with the wrong role. */
export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!request.principal) throw new UnauthorizedError();
    if (!hasRole(request.principal, roles)) throw new ForbiddenError();
  };
}

/** The caller of a route behind `requireRole`: typed as present, and still checked. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthorizedError();
  return request.principal;
}

/** The caller with the request that asks, for the services that log who read what. */
export function callerOf(request: FastifyRequest): Caller {
  return { principal: principalOf(request), requestId: request.id };
}
