import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError } from '../config.js';
import { decodeSecretsKey, generateSecretsKey, KeyRing } from '../domain/key-ring.js';

/** The key file of the zero-setup embedded database, beside its cluster in DATA_DIR. */
export const SECRETS_KEY_FILE = 'secrets.key';

type KeySettings = Pick<Config, 'SECRETS_KEY' | 'SECRETS_KEY_PREVIOUS' | 'DATABASE_URL' | 'DATA_DIR'>;

function invalid(message: string): ConfigError {
  return new ConfigError(`Invalid configuration: ${message}`);
}

/** Creates the file with a new key unless it exists; two processes racing both end up with the winner's key. */
function createKeyFileOnce(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const draft = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(draft, `${generateSecretsKey()}\n`, { mode: 0o600, flag: 'wx' });
  try {
    // link() fails when the name is taken, so a half-written file is never seen under it.
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
}

function readKeyFile(file: string): string {
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw invalid(`${file} may be read by other users (mode ${mode.toString(8)}); restrict it with chmod 600`);
  }
  const text = readFileSync(file, 'utf8').trim();
  if (!decodeSecretsKey(text)) throw invalid(`${file} does not hold a key (the base64 of 32 bytes)`);
  return text;
}

/**
 * The configuration with SECRETS_KEY filled in. Given in the environment, it is used as
 * it is. Without it, the zero-setup embedded database gets a key of its own, generated
 * once into DATA_DIR/secrets.key (mode 0600). With DATABASE_URL it must be given: the
 * database outlives any one machine's disk, and every process that reads it (API
 * instances, workers, the command line) must hold the same key.
 */
export function withSecretsKey<C extends KeySettings>(config: C): C & { SECRETS_KEY: string } {
  if (config.SECRETS_KEY) return { ...config, SECRETS_KEY: config.SECRETS_KEY };
  if (config.DATABASE_URL) {
    throw invalid('SECRETS_KEY: required with DATABASE_URL; set it to the base64 of 32 random bytes (openssl rand -base64 32) and keep it apart from database backups');
  }
  const file = path.resolve(config.DATA_DIR, SECRETS_KEY_FILE);
  try {
    statSync(file);
  } catch {
    createKeyFileOnce(file);
  }
  return { ...config, SECRETS_KEY: readKeyFile(file) };
}

/** The key ring of a configuration whose SECRETS_KEY has been settled (withSecretsKey). */
export function keyRingOf(config: Pick<Config, 'SECRETS_KEY' | 'SECRETS_KEY_PREVIOUS'>): KeyRing {
  const current = config.SECRETS_KEY === undefined ? null : decodeSecretsKey(config.SECRETS_KEY);
  if (!current) throw invalid('SECRETS_KEY: not set (the base64 of 32 random bytes)');
  const previous = config.SECRETS_KEY_PREVIOUS.map((text) => decodeSecretsKey(text));
  if (previous.some((key) => key === null)) throw invalid('SECRETS_KEY_PREVIOUS: every entry must be the base64 of 32 bytes');
  return new KeyRing(current, previous as Buffer[]);
}
