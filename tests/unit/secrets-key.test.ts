import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.js';
import { generateSecretsKey, keyIdOf, decodeSecretsKey } from '../../src/domain/key-ring.js';
import { keyRingOf, SECRETS_KEY_FILE, withSecretsKey } from '../../src/secrets/secrets-key.js';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'one-entry-keys-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const keyFile = () => path.join(dataDir, SECRETS_KEY_FILE);

describe('with the embedded database and no SECRETS_KEY', () => {
  test('a key is generated once into DATA_DIR/secrets.key, readable by its owner only, and used from then on', () => {
    const first = withSecretsKey(loadConfig({ DATA_DIR: dataDir }));
    expect(decodeSecretsKey(first.SECRETS_KEY)).not.toBeNull();
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile(), 'utf8').trim()).toBe(first.SECRETS_KEY);

    const again = withSecretsKey(loadConfig({ DATA_DIR: path.join(dataDir, '.') }));
    expect(again.SECRETS_KEY).toBe(first.SECRETS_KEY);
  });

  test('a key file others may read is refused, naming the file and the fix', () => {
    writeFileSync(keyFile(), `${generateSecretsKey()}\n`, { mode: 0o644 });
    chmodSync(keyFile(), 0o644);
    expect(() => withSecretsKey(loadConfig({ DATA_DIR: dataDir }))).toThrow(ConfigError);
    expect(() => withSecretsKey(loadConfig({ DATA_DIR: dataDir }))).toThrow(/secrets\.key may be read by other users \(mode 644\); restrict it with chmod 600/);
  });

  test('a key file that holds no key is refused', () => {
    writeFileSync(keyFile(), 'not a key\n', { mode: 0o600 });
    expect(() => withSecretsKey(loadConfig({ DATA_DIR: dataDir }))).toThrow(/secrets\.key does not hold a key/);
  });
});

test('a SECRETS_KEY given in the environment is used, and no file is written', () => {
  const key = generateSecretsKey();
  expect(withSecretsKey(loadConfig({ DATA_DIR: dataDir, SECRETS_KEY: key })).SECRETS_KEY).toBe(key);
  expect(() => statSync(keyFile())).toThrow();
});

test('with DATABASE_URL and no SECRETS_KEY, the start is refused with one line saying what to set', () => {
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' });
  expect(() => withSecretsKey(config)).toThrow(ConfigError);
  expect(() => withSecretsKey(config)).toThrow(/^Invalid configuration: SECRETS_KEY: required with DATABASE_URL; set it to the base64 of 32 random bytes[^\n]*$/);
  expect(() => statSync(keyFile())).toThrow();
});

test('the key ring holds SECRETS_KEY as the current key and SECRETS_KEY_PREVIOUS for opening only', () => {
  const [current, previous] = [generateSecretsKey(), generateSecretsKey()];
  const ring = keyRingOf(loadConfig({ SECRETS_KEY: current, SECRETS_KEY_PREVIOUS: previous }));
  expect(ring.currentKeyId).toBe(keyIdOf(decodeSecretsKey(current) as Buffer));
  const old = keyRingOf(loadConfig({ SECRETS_KEY: previous })).seal('whsec_x');
  expect(ring.open(old)).toBe('whsec_x');
  expect(() => keyRingOf(loadConfig({}))).toThrow(/SECRETS_KEY: not set/);
});
