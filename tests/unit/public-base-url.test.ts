import { loadConfig, publicBaseUrl } from '../../src/config.js';

test('PUBLIC_BASE_URL is the address people reach the service at, without a trailing slash', () => {
  expect(publicBaseUrl(loadConfig({ PUBLIC_BASE_URL: 'https://intake.kommune.dk/' }))).toBe('https://intake.kommune.dk');
  expect(publicBaseUrl(loadConfig({ PUBLIC_BASE_URL: 'https://kommune.dk/intake' }))).toBe('https://kommune.dk/intake');
});

test('unset, it is where a browser on this machine reaches the server', () => {
  expect(publicBaseUrl(loadConfig({}))).toBe('http://localhost:3000');
  expect(publicBaseUrl(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }))).toBe('http://localhost:8080');
  expect(publicBaseUrl(loadConfig({ HOST: 'intake.internal', PORT: '80' }))).toBe('http://intake.internal:80');
  expect(publicBaseUrl(loadConfig({ HOST: 'fd00::1' }))).toBe('http://[fd00::1]:3000');
});

test('anything but a plain http or https address is refused, naming the variable', () => {
  for (const value of ['ftp://kommune.dk', 'not a url', 'https://kommune.dk/?x=1', 'https://user:pw@kommune.dk']) {
    expect(() => loadConfig({ PUBLIC_BASE_URL: value })).toThrow(/^Invalid configuration: PUBLIC_BASE_URL: /);
  }
});
