import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError } from '../config.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { resealWebhookSecrets } from '../modules/webhooks/webhook-secrets.js';
import { findUserByEmail } from '../modules/users/users.repository.js';
import { newTokenSchema, newUserSchema, roleSchema, userListQuerySchema } from '../modules/users/users.schemas.js';
import { createUser, issueSignInLink, issueToken, listUserAccounts, revokeApiToken } from '../modules/users/users.service.js';
import { type KeyRing, SecretsKeyError } from '../domain/key-ring.js';

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

export interface CliEnvironment {
  /** The key ring from SECRETS_KEY and SECRETS_KEY_PREVIOUS; asked for only by commands that need it. */
  keys(): KeyRing;
  /** The address people reach the service at (PUBLIC_BASE_URL), for the links the commands print; the default address when left out. */
  publicBaseUrl?: string;
}

export const USAGE = `Usage: npm run cli -- <command> [options]

Manage accounts on this server's database (DATABASE_URL, or the embedded database in
DATA_DIR, also while the server runs).

Commands:
  create-user --name <name> --email <email> --role <role> [--department <code> ...] [--token <token name>]
      Create a user. Roles: caseworker (needs one or more --department), coordinator,
      admin, integrator. With --token, also issue an API token and print it once.
  create-token --email <email> [--name <token name>] [--expires-at <ISO time>]
      Issue an API token for an existing user and print it once.
  sign-in-link --email <email>
      Print a sign-in link to the staff pages for an existing user: it works once, for
      15 minutes, on the address in PUBLIC_BASE_URL.
  list-users [--role <role>]
      List users: id, role, active, email, departments.
  revoke-token --id <token id>
      Revoke a token; running servers refuse it within 1 second.
  rotate-secrets [--reset-unreadable]
      Re-encrypt every webhook signing secret under SECRETS_KEY (those under a key in
      SECRETS_KEY_PREVIOUS, and any stored in clear by an older version). Run it before
      removing a key from SECRETS_KEY_PREVIOUS (and let receipts queued before the
      rotation be mailed first); safe to run again and beside the server.
      A secret no key opens stops it, naming the webhook. Only when that key is lost for
      good: --reset-unreadable gives each such webhook a new secret and disables it, with
      a reason telling its owner to rotate the secret and enable it again.
  help
      Show this text.

Examples:
  npm run cli -- create-user --name "Ada Admin" --email ada@kommune.dk --role admin --token laptop
  npm run cli -- create-user --name "Jonas" --email jonas@kommune.dk --role caseworker --department jobcenter
  npm run cli -- create-token --email jonas@kommune.dk --name laptop
  npm run cli -- sign-in-link --email jonas@kommune.dk
`;

class UsageError extends Error {}

const options = {
  name: { type: 'string' },
  email: { type: 'string' },
  role: { type: 'string' },
  department: { type: 'string', multiple: true },
  token: { type: 'string' },
  'expires-at': { type: 'string' },
  id: { type: 'string' },
  'reset-unreadable': { type: 'boolean' },
} as const;

/** The option that carries an API field: departments.1 → --department. */
function optionFor(field: string): string {
  if (field.startsWith('departments')) return '--department';
  return `--${field.replace('expiresAt', 'expires-at') || 'options'}`;
}

/** Validates like the API does, naming options instead of body fields. */
function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new UsageError(result.error.issues.map((issue) => `${optionFor(issue.path.join('.'))}: ${issue.message}`).join('\n'));
  }
  return result.data;
}

function required(value: string | undefined, option: string): string {
  if (value === undefined) throw new UsageError(`--${option} is required`);
  return value;
}

function printToken(io: CliOutput, token: { id: string; token: string }): void {
  io.out(`Token ${token.id} (shown only now; store it safely):`);
  io.out(`  ${token.token}`);
}

async function createUserCommand(db: Database, values: Record<string, unknown>, io: CliOutput): Promise<void> {
  const input = parse(newUserSchema, {
    name: values.name,
    email: values.email,
    role: values.role,
    departments: values.department ?? [],
  });
  const user = await createUser(db, input);
  io.out(`Created ${user.role} ${user.name} <${user.email}> with id ${user.id}${user.departments.length ? ` in ${user.departments.join(', ')}` : ''}.`);
  if (typeof values.token === 'string') printToken(io, await issueToken(db, user.id, parse(newTokenSchema, { name: values.token })));
}

async function createTokenCommand(db: Database, values: Record<string, unknown>, io: CliOutput): Promise<void> {
  const email = required(values.email as string | undefined, 'email');
  const request = parse(newTokenSchema, { name: values.name ?? 'cli', expiresAt: values['expires-at'] });
  const user = await findUserByEmail(db, email);
  if (!user) throw new UsageError(`No user with email ${email}`);
  printToken(io, await issueToken(db, user.id, request));
}

async function signInLinkCommand(db: Database, values: Record<string, unknown>, io: CliOutput, env: CliEnvironment, positionals: string[]): Promise<void> {
  // `sign-in-link <email>` reads as naturally as `--email <email>`; both work.
  const email = (values.email as string | undefined) ?? positionals[0];
  const user = await findUserByEmail(db, required(email, 'email'));
  if (!user) throw new UsageError(`No user with email ${email}`);
  const link = await issueSignInLink(db, user.id, { baseUrl: env.publicBaseUrl ?? DEFAULT_BASE_URL, createdBy: null });
  io.out(`Sign-in link for ${user.name} <${user.email}> (works once, until ${link.expiresAt}):`);
  io.out(`  ${link.url}`);
}

async function listUsersCommand(db: Database, values: Record<string, unknown>, io: CliOutput): Promise<void> {
  const role = values.role === undefined ? undefined : parse(roleSchema, values.role);
  let cursor: string | undefined;
  do {
    const page = await listUserAccounts(db, parse(userListQuerySchema, { role, cursor, limit: '100' }));
    for (const user of page.items) {
      io.out([user.id, user.role, user.active ? 'active' : 'inactive', user.email, user.departments.join(',')].join('\t'));
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

async function revokeTokenCommand(db: Database, values: Record<string, unknown>, io: CliOutput): Promise<void> {
  const id = parse(z.uuid('must be a token id'), required(values.id as string | undefined, 'id'));
  // The command line acts with an admin's authority: whoever runs it owns the database.
  await revokeApiToken(db, id);
  io.out(`Revoked token ${id}.`);
}

const webhooks = (n: number) => `${n} webhook${n === 1 ? '' : 's'}`;

async function rotateSecretsCommand(db: Database, values: Record<string, unknown>, io: CliOutput, env: CliEnvironment): Promise<void> {
  const keys = env.keys();
  const { resealed, reset } = await resealWebhookSecrets(db, keys, { resetUnreadable: values['reset-unreadable'] === true });
  io.out(
    `Re-encrypted the signing secrets of ${webhooks(resealed)}; every secret is now under key ${keys.currentKeyId} (SECRETS_KEY). ` +
      'Receipts still waiting to be mailed keep the key of their intake: drop the old key once they have gone.',
  );
  if (reset > 0) io.out(`Gave ${webhooks(reset)} a new secret and disabled them: their owners must rotate the secret and enable them again.`);
}

type Command = (db: Database, values: Record<string, unknown>, io: CliOutput, env: CliEnvironment, positionals: string[]) => Promise<void>;

const commands: Record<string, Command> = {
  'create-user': createUserCommand,
  'create-token': createTokenCommand,
  'sign-in-link': signInLinkCommand,
  'list-users': listUsersCommand,
  'revoke-token': revokeTokenCommand,
  'rotate-secrets': rotateSecretsCommand,
};

const defaultEnvironment: CliEnvironment = {
  keys() {
    throw new ConfigError('Invalid configuration: SECRETS_KEY: not set');
  },
};

const DEFAULT_BASE_URL = 'http://localhost:3000';

/** True when the command needs no database (help, or a mistake in the arguments). */
export function needsNoDatabase(args: readonly string[]): boolean {
  const [command] = args;
  return command === undefined || command === 'help' || command === '--help' || !(command in commands);
}

/** Runs one command; returns the process exit code (0 done, 1 refused, 2 usage). */
export async function runCli(args: readonly string[], db: Database | null, io: CliOutput, env: CliEnvironment = defaultEnvironment): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === 'help' || command === '--help') {
    io.out(USAGE);
    return 0;
  }
  const run = commands[command];
  if (!run || !db) {
    io.err(`Unknown command: ${command}\n\n${USAGE}`);
    return 2;
  }
  try {
    // Only sign-in-link takes a positional argument (the email).
    const { values, positionals } = parseArgs({ args: [...rest], options, strict: true, allowPositionals: command === 'sign-in-link' });
    if (positionals.length > 1) throw new UsageError('Give one email');
    await run(db, values, io, env, positionals);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\nSee: npm run cli -- help`);
      return 2;
    }
    if (error instanceof AppError) {
      const fields = (error.extensions.errors as { path: string; message: string }[] | undefined) ?? [];
      io.err([error.message, ...fields.map((f) => `  ${optionFor(f.path.replace(/^body\./, ''))}: ${f.message}`)].join('\n'));
      return 1;
    }
    if (error instanceof ConfigError || error instanceof SecretsKeyError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}
