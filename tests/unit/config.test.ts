import { readFileSync } from 'node:fs';
import { ConfigError, configSchema, loadConfig, publicBaseUrl } from '../../src/config.js';

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
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.dk' })).toThrow(/^Invalid configuration: SMTP_URL: /);
    expect(() => loadConfig({ MAIL_FROM: 'noreply' })).toThrow(/^Invalid configuration: MAIL_FROM: /);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'virksomhed.example.dk' })).toThrow(/^Invalid configuration: PUBLIC_BASE_URL: /);
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

  test('mail settings: smtp:// and smtps:// servers, a sender with a name, the public address without a trailing slash', () => {
    const config = loadConfig({ SMTP_URL: 'smtps://user:pass@mail.example.dk:465', MAIL_FROM: 'Kommunen <noreply@kommune.dk>', PUBLIC_BASE_URL: 'https://virk.kommune.dk/' });
    expect(config).toMatchObject({ SMTP_URL: 'smtps://user:pass@mail.example.dk:465', MAIL_FROM: 'Kommunen <noreply@kommune.dk>' });
    expect(publicBaseUrl(config)).toBe('https://virk.kommune.dk');
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).SMTP_URL).toBe('smtp://127.0.0.1:2525');
  });

  test('PUBLIC_RATE_LIMIT=0 turns the limit off, and booleans read true/false', () => {
    expect(loadConfig({ PUBLIC_RATE_LIMIT: '0', MIGRATE_ON_START: 'false' })).toMatchObject({ PUBLIC_RATE_LIMIT: 0, MIGRATE_ON_START: false });
  });

  test('TRUST_PROXY trusts nobody unless it lists the proxies; "true" and hop counts are refused, naming what to write', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,loopback,fd00::/8' }).TRUST_PROXY).toEqual(['10.0.0.1', '192.168.0.0/16', 'loopback', 'fd00::/8']);
    for (const [value, reason] of [
      ['true', /^Invalid configuration: TRUST_PROXY: `true` would let any client choose its own address; list .*10\.0\.0\.1,192\.168\.0\.0\/16/],
      ['1', /^Invalid configuration: TRUST_PROXY: a hop count cannot tell a proxy from a client .*10\.0\.0\.1,192\.168\.0\.0\/16/],
      ['10.0.0.256', /TRUST_PROXY: invalid IP address: 10\.0\.0\.256/],
      ['10.0.0.0/33', /TRUST_PROXY: invalid range on address/],
      ['10.0.0.1,,10.0.0.2', /TRUST_PROXY: must be `false` or a comma-separated list/],
      ['proxy.internal', /TRUST_PROXY: invalid IP address: proxy\.internal/],
    ] as const) {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(reason);
    }
  });

  test('the identity provider: all three OIDC variables or none; a partial set names what is missing; plain http only on loopback', () => {
    expect(loadConfig({}).OIDC_ISSUER).toBeUndefined();
    const full = { OIDC_ISSUER: 'https://login.example/tenant/v2.0', OIDC_CLIENT_ID: 'one-entry', OIDC_CLIENT_SECRET: 's3cret' };
    expect(loadConfig(full)).toMatchObject(full);
    expect(() => loadConfig({ OIDC_ISSUER: full.OIDC_ISSUER, OIDC_CLIENT_ID: 'one-entry' })).toThrow(
      /^Invalid configuration: OIDC_CLIENT_SECRET: must be set with OIDC_ISSUER and OIDC_CLIENT_ID \(all three or none\)$/,
    );
    expect(() => loadConfig({ OIDC_CLIENT_SECRET: 's3cret' })).toThrow(/OIDC_ISSUER: must be set .*; OIDC_CLIENT_ID: must be set/);
    expect(() => loadConfig({ ...full, OIDC_ISSUER: 'http://login.example' })).toThrow(/OIDC_ISSUER: must be an https address/);
    expect(loadConfig({ ...full, OIDC_ISSUER: 'http://127.0.0.1:8080' }).OIDC_ISSUER).toBe('http://127.0.0.1:8080');
    // A secret never appears in an error.
    expect(() => loadConfig({ OIDC_CLIENT_SECRET: 's3cret' })).not.toThrow(/s3cret/);
  });

  test('every variable is documented in the README configuration table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(configSchema.shape)) expect(readme).toContain(`| \`${name}\` |`);
  });
});
