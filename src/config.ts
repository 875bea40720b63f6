import { z } from 'zod';
import { parseDurationList } from './domain/durations.js';
import { parseProxyTrust } from './domain/proxy-trust.js';
import { decodeSecretsKey } from './domain/key-ring.js';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const durationList = z.string().transform((text, ctx) => {
  const parsed = parseDurationList(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return parsed.value;
});

const KEY_FORMAT = 'must be the base64 of 32 random bytes (openssl rand -base64 32)';
const secretsKey = z.string().refine((text) => decodeSecretsKey(text) !== null, KEY_FORMAT);
const secretsKeyList = z.string().transform((text, ctx) => {
  const entries = text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const bad = entries.findIndex((entry) => decodeSecretsKey(entry) === null);
  if (bad >= 0) {
    // The position only: a key, even a mistyped one, never goes into an error message.
    ctx.addIssue({ code: 'custom', message: `entry ${bad + 1} ${KEY_FORMAT}` });
    return z.NEVER;
  }
  return entries;
});

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Tokens travel in the clear over http: only to a process on this machine (development and tests). */
function isHttpsOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The single description of the service's environment. The README's configuration
 * table is written from these descriptions; keep the two in step.
 */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('TCP port the HTTP server listens on'),
  HOST: z.string().min(1).default('127.0.0.1').describe('Interface to bind; `0.0.0.0` to accept outside connections (containers)'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .describe('PostgreSQL connection string (15 or newer). Unset: an embedded PostgreSQL is started in `DATA_DIR`'),
  DATA_DIR: z
    .string()
    .min(1)
    .default('.data')
    .describe('Where the embedded PostgreSQL keeps its cluster and its random superuser password (`postgres-password`, readable by the owner only)'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10).describe('Maximum connections in the pool of one process'),
  DATABASE_PREPARED_STATEMENTS: booleanFromEnv
    .default(true)
    .describe('Prepare the statements the service sends repeatedly, once per connection, so that PostgreSQL does not parse and plan them every time; `false` behind a connection pooler in transaction mode (PgBouncer before 1.21)'),
  DATABASE_MAX_QUEUE: z.coerce
    .number()
    .int()
    .min(0)
    .default(40)
    .describe('Requests that may wait for a database connection before new ones are shed with 503; `0` turns shedding off'),
  MAX_EVENT_LOOP_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(1000)
    .describe('Shed requests with 503 while the event loop lags more than this; `0` turns the check off'),
  MIGRATE_ON_START: booleanFromEnv.default(true).describe('Apply pending migrations at start-up (`false` when migrations run as a separate step)'),
  ADMIN_TOKEN: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe('On first start against an empty database, becomes the first admin\'s API token. Unset: a random one is printed once'),
  METRICS_TOKEN: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe('Bearer token Prometheus sends to scrape GET /metrics. Unset: /metrics is not served'),
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http or https address' })
    .refine((text) => {
      // Checks run on after a failed one: a text that is no URL at all is reported once, above.
      if (!URL.canParse(text)) return true;
      const url = new URL(text);
      return url.search === '' && url.hash === '' && url.username === '' && url.password === '';
    }, 'must be a plain address without query, fragment or credentials')
    .optional()
    .describe('The address people reach the service at (`https://intake.kommune.dk`), used in the links the service hands out (sign-in links, the tracking link in receipts) and as the host of mail `Message-ID`s. With `https`, the staff session cookie is `Secure` and `__Host-` prefixed. Unset: `http://localhost:PORT` (or `http://HOST:PORT` for a named host)'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(600, 'must be at most 600 (sessions end after 10 hours anyway)')
    .default(30)
    .describe('A staff session ends after this many minutes without a request; every session ends 10 hours after sign-in'),
  OIDC_ISSUER: z
    .url({ protocol: /^https?$/, error: 'must be an http or https address' })
    .refine((text) => !URL.canParse(text) || isHttpsOrLoopback(new URL(text)), 'must be an https address (plain http only on this machine\'s loopback)')
    .optional()
    .describe('The identity provider staff sign in with (OpenID Connect), its issuer as its discovery document names it (`https://login.microsoftonline.com/<tenant>/v2.0`). Set with `OIDC_CLIENT_ID` and `OIDC_CLIENT_SECRET`, or leave all three unset to sign in with sign-in links only. Register `PUBLIC_BASE_URL` + `/staff/sign-in/callback` as the redirect URI'),
  OIDC_CLIENT_ID: z.string().trim().min(1).max(500).optional().describe('The client id the identity provider gave the service'),
  OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional().describe('The client secret the identity provider gave the service (sent with HTTP Basic authentication to its token endpoint)'),
  CASE_REFERENCE_PREFIX: z
    .string()
    .regex(/^[A-Z]{2,8}$/, 'must be 2 to 8 capital letters')
    .default('KOL')
    .describe('Prefix of case references such as `KOL-2026-000123`'),
  MUNICIPALITY_NAME: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .default('Kommunen')
    .describe('The municipality\'s name, shown in the header and footer of the web form'),
  ACCESSIBILITY_STATEMENT_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('Link to the web form\'s accessibility statement (required of public websites), shown in the footer'),
  PUBLIC_RATE_LIMIT: z.coerce
    .number()
    .int()
    .min(0)
    .default(20)
    .describe('Anonymous submissions per minute per client address; `0` turns the limit off. Requests with a valid token are exempt'),
  TRUST_PROXY: z
    .string()
    .transform((text, ctx) => {
      const parsed = parseProxyTrust(text);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }
      return parsed.value;
    })
    .prefault('false')
    .describe('Reverse proxies whose `X-Forwarded-For` and `X-Request-Id` are believed: comma-separated addresses or networks (`10.0.0.1,192.168.0.0/16`; `loopback`, `linklocal`, `uniquelocal`). `false`: nobody, the client address is the connection\'s'),
  EXTRA_CLOSING_DAYS: z
    .string()
    .regex(/^(\s*\d{2}-\d{2}\s*)(,\s*\d{2}-\d{2}\s*)*$|^$/, 'must be a comma-separated list of MM-DD dates')
    .default('06-05,12-24,12-31')
    .describe('Days (MM-DD) the municipality is closed besides weekends and Danish public holidays; not counted as working days'),
  TOKEN_CACHE_TTL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(60_000)
    .describe('How long a process may keep a token\'s user in memory. A revoked token or deactivated user is refused by every process within 1 second of the change committing (LISTEN/NOTIFY with heartbeats; memory is unused while they lag). `0` looks every token up: refused at once'),
  ROUTING_CHECK_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(5000)
    .describe('How often each process compares its in-memory routing table with the published one, in case a publish notification was lost'),
  API_RATE_LIMIT: z.coerce
    .number()
    .int()
    .min(0)
    .default(600)
    .describe('Requests per minute per API token (every authenticated request counts); `0` turns the limit off'),
  SECRETS_KEY: secretsKey
    .optional()
    .describe('Encrypts webhook signing secrets in the database (AES-256-GCM): the base64 of 32 random bytes. Unset: with the embedded database, generated once into `DATA_DIR/secrets.key`; with `DATABASE_URL`, required'),
  SECRETS_KEY_PREVIOUS: secretsKeyList
    .prefault('')
    .describe('Earlier values of `SECRETS_KEY` (comma-separated) that still decrypt during a key rotation; remove them once `npm run cli -- rotate-secrets` has run and no receipt from before the rotation waits to be mailed'),
  WEBHOOK_WORKER: booleanFromEnv
    .default(true)
    .describe('Run the background worker (webhook deliveries, mail to enterprises and caseworkers) inside the API process; `false` when `npm run worker` runs it separately (with neither, nothing is delivered or mailed)'),
  WEBHOOK_RETRY_SCHEDULE: durationList
    .prefault('5s,5m,30m,2h,5h,10h,10h,14h,20h,24h')
    .describe('Waits between delivery attempts after a failure (comma-separated durations); when the last one has passed and the delivery still fails, the endpoint is disabled'),
  WEBHOOK_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(60_000)
    .default(5000)
    .describe('How long one delivery attempt may take, from connecting to the end of the response'),
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: booleanFromEnv
    .default(false)
    .describe('Allow webhook URLs on private, loopback and link-local addresses, and plain `http` (development and tests only)'),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5).describe('Deliveries and mails one worker process sends at the same time'),
  WEBHOOK_POLL_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(50)
    .max(60_000)
    .default(1000)
    .describe('How often the worker looks for retries that have become due (new deliveries start at once) and moves new mail from the notification outbox onto its queue'),
  IDEMPOTENCY_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .min(24, 'must be at least 24 (the API promises replays for 24 hours)')
    .max(24 * 365)
    .default(168)
    .describe('How long an Idempotency-Key is remembered; older keys are purged hourly by the background worker'),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/ })
    .optional()
    .describe('Mail server for messages to enterprises and caseworkers, `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://host:465`. Unset: each message is written as an `.eml` file under `DATA_DIR/mail/` instead'),
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'must be an address, optionally with a name: `Kommunen <noreply@kommune.dk>`')
    .default('Én indgang <noreply@localhost>')
    .describe('Sender of messages to enterprises and caseworkers, an address optionally with a display name'),
  NOTIFY_DIGEST_HOUR: z.coerce
    .number()
    .int()
    .min(0)
    .max(23)
    .default(7)
    .describe('The hour of the Danish clock (Europe/Copenhagen, 0–23) at which caseworkers get their daily mail on working days: the digest of new assignments (for those who chose `daily`) and the reminder of their overdue assignments'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10000).describe('How long in-flight requests may take to finish after SIGTERM/SIGINT'),
  LOG_LEVEL: z.enum(logLevels).default('info').describe('pino log level'),
}).superRefine((config, ctx) => {
  // Signing in with an identity provider needs all three; a partial set is a mistake, not a choice.
  const oidc = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
  const missing = oidc.filter((key) => config[key] === undefined);
  if (missing.length > 0 && missing.length < oidc.length) {
    for (const key of missing) ctx.addIssue({ code: 'custom', path: [key], message: `must be set with ${oidc.filter((k) => k !== key).join(' and ')} (all three or none)` });
  }
});

export type Config = z.output<typeof configSchema>;

/** The identity provider's settings when all three are set, else null (sign-in links only). */
export function oidcSettingsOf(config: Pick<Config, 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET' | 'PUBLIC_BASE_URL' | 'HOST' | 'PORT'>): OidcSettings | null {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = config;
  if (issuer === undefined || clientId === undefined || clientSecret === undefined) return null;
  return { issuer, clientId, clientSecret, redirectUri: `${publicBaseUrl(config)}/staff/sign-in/callback` };
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost']);

/**
 * The address people reach the service at, without a trailing slash: PUBLIC_BASE_URL, or
 * else where a browser on this machine finds the server (a wildcard or loopback HOST is
 * reached as localhost).
 */
export function publicBaseUrl(config: Pick<Config, 'PUBLIC_BASE_URL' | 'HOST' | 'PORT'>): string {
  if (config.PUBLIC_BASE_URL) return config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  const host = LOCAL_HOSTS.has(config.HOST) ? 'localhost' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return `http://${host}:${config.PORT}`;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; throws one ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(
    Object.keys(configSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const result = configSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return result.data;
}
