import { readFileSync } from 'node:fs';
import { ConfigError, configSchema, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  test('defaults apply when the environment is empty', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: '.data', CASE_REFERENCE_PREFIX: 'KOL', PUBLIC_RATE_LIMIT: 20, MIGRATE_ON_START: true });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.ADMIN_TOKEN).toBeUndefined();
  });

  test('a bad value stops start-up with one line naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^Invalid configuration: PORT: /);
    expect(() => loadConfig({ CASE_REFERENCE_PREFIX: 'kol' })).toThrow(/CASE_REFERENCE_PREFIX/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ PUBLIC_RATE_LIMIT: '-1' })).toThrow(/PUBLIC_RATE_LIMIT/);
    expect(() => loadConfig({ ADMIN_TOKEN: 'short' })).toThrow(/ADMIN_TOKEN/);
    const message = (() => {
      try {
        loadConfig({ PORT: 'x' });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).not.toContain('\n');
  });

  test('PUBLIC_RATE_LIMIT=0 turns the limit off, and booleans read true/false', () => {
    expect(loadConfig({ PUBLIC_RATE_LIMIT: '0', MIGRATE_ON_START: 'false' })).toMatchObject({ PUBLIC_RATE_LIMIT: 0, MIGRATE_ON_START: false });
  });

  test('every variable is documented in the README configuration table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(configSchema.shape)) expect(readme).toContain(`| \`${name}\` |`);
  });
});
