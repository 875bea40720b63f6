import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { publicBaseUrl } from '../../config.js';
import { ROLES } from '../../domain/principal.js';
import { problemResponses } from '../../plugins/errors.js';
import { principalOf, requireRole } from '../auth/auth.guards.js';
import {
  createdSignInLinkSchema,
  createdTokenSchema,
  meSchema,
  newTokenSchema,
  newUserSchema,
  tokenParamsSchema,
  tokenSchema,
  userListQuerySchema,
  userListSchema,
  userParamsSchema,
  userPatchSchema,
  userSchema,
} from './users.schemas.js';
import {
  createUser,
  describeCaller,
  getUserAccount,
  issueSignInLink,
  issueToken,
  listUserAccounts,
  listUserTokens,
  revokeApiToken,
  updateUserAccount,
} from './users.service.js';

const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const admins = requireRole('admin');
  const anyone = requireRole(...ROLES);
  // A change here may change who a token speaks for. Other processes hear of it by NOTIFY;
  // this one forgets its cached principals before answering, so that no request it
  // serves after the answer goes by what was true before.
  app.addHook('onSend', async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') app.principals.forget();
  });

  app.get(
    '/v1/me',
    {
      preHandler: anyone,
      schema: {
        operationId: 'getMe',
        tags: ['Users'],
        summary: 'Who you are: the user and token of this request',
        response: { 200: meSchema, ...problemResponses(401, 503) },
      },
    },
    async (request) => describeCaller(app.db, principalOf(request)),
  );

  app.get(
    '/v1/users',
    {
      preHandler: admins,
      schema: {
        operationId: 'listUsers',
        tags: ['Users'],
        summary: 'Users, oldest first (admins)',
        querystring: userListQuerySchema,
        response: { 200: userListSchema, ...problemResponses(400, 401, 403, 503) },
      },
    },
    async (request) => listUserAccounts(app.db, request.query),
  );

  app.post(
    '/v1/users',
    {
      preHandler: admins,
      schema: {
        operationId: 'createUser',
        tags: ['Users'],
        summary: 'Create a user (admins)',
        description: 'Caseworkers belong to one or more departments; other roles to none. The email is unique, ignoring case (409).',
        body: newUserSchema,
        response: { 201: userSchema, ...problemResponses(400, 401, 403, 409, 503) },
      },
    },
    async (request, reply) => {
      const user = await createUser(app.db, request.body);
      request.log.info({ userId: user.id, role: user.role, by: principalOf(request).userId }, 'user created');
      return reply.code(201).header('location', `/v1/users/${user.id}`).send(user);
    },
  );

  app.get(
    '/v1/users/:userId',
    {
      preHandler: admins,
      schema: {
        operationId: 'getUser',
        tags: ['Users'],
        summary: 'A user (admins)',
        params: userParamsSchema,
        response: { 200: userSchema, ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request) => getUserAccount(app.db, request.params.userId),
  );

  app.patch(
    '/v1/users/:userId',
    {
      preHandler: admins,
      schema: {
        operationId: 'updateUser',
        tags: ['Users'],
        summary: 'Change a user\'s name, email, role, departments or active flag (admins)',
        description:
          'Deactivating stops the user\'s tokens at once on the server that answers, and on every other within 1 second (at once with TOKEN_CACHE_TTL_MS=0). Leaving the caseworker role clears the departments. The last active admin cannot be demoted or deactivated (409).',
        params: userParamsSchema,
        body: userPatchSchema,
        response: { 200: userSchema, ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const user = await updateUserAccount(app.db, request.params.userId, request.body);
      request.log.info({ userId: user.id, role: user.role, active: user.active, by: principalOf(request).userId }, 'user changed');
      return user;
    },
  );

  app.get(
    '/v1/users/:userId/tokens',
    {
      preHandler: admins,
      schema: {
        operationId: 'listUserTokens',
        tags: ['Users'],
        summary: 'A user\'s API tokens, without their secrets (admins)',
        params: userParamsSchema,
        response: { 200: z.array(tokenSchema), ...problemResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request) => listUserTokens(app.db, request.params.userId),
  );

  app.post(
    '/v1/users/:userId/tokens',
    {
      preHandler: admins,
      schema: {
        operationId: 'createToken',
        tags: ['Users'],
        summary: 'Issue an API token for a user (admins)',
        description: 'The token is in this response only; the service keeps just its hash. A user may have many named tokens.',
        params: userParamsSchema,
        body: newTokenSchema,
        response: { 201: createdTokenSchema, ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const token = await issueToken(app.db, request.params.userId, request.body);
      request.log.info({ userId: request.params.userId, tokenId: token.id, by: principalOf(request).userId }, 'token issued');
      return reply.code(201).header('cache-control', 'no-store').send(token);
    },
  );

  app.post(
    '/v1/users/:userId/sign-in-links',
    {
      preHandler: admins,
      schema: {
        operationId: 'createSignInLink',
        tags: ['Users'],
        summary: 'A sign-in link to the staff pages for a user (admins)',
        description:
          'For staff pages without an identity provider: the link signs the user in once, within 15 minutes. It is in this response only (hand it over as you would a password); the service keeps just its hash. A deactivated user gets none (409).',
        params: userParamsSchema,
        response: { 201: createdSignInLinkSchema, ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const by = principalOf(request).userId;
      const link = await issueSignInLink(app.db, request.params.userId, { baseUrl: publicBaseUrl(app.config), createdBy: by });
      request.log.info({ userId: request.params.userId, by }, 'sign-in link issued');
      return reply.code(201).header('cache-control', 'no-store').send(link);
    },
  );

  app.delete(
    '/v1/tokens/:tokenId',
    {
      preHandler: anyone,
      schema: {
        operationId: 'revokeToken',
        tags: ['Users'],
        summary: 'Revoke a token (admins any, everyone their own)',
        description: 'The token stops working at once on the server that answers, and on every other within 1 second (at once with TOKEN_CACHE_TTL_MS=0). Revoking an already revoked token is fine (204).',
        params: tokenParamsSchema,
        response: { 204: z.null().describe('Revoked'), ...problemResponses(400, 401, 404, 503) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await revokeApiToken(app.db, request.params.tokenId, principal.role === 'admin' ? undefined : principal.userId);
      request.log.info({ tokenId: request.params.tokenId, by: principal.userId }, 'token revoked');
      return reply.code(204).send(null);
    },
  );
};

export default usersRoutes;
