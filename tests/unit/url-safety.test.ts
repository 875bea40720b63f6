import { checkUrlShape, refuse } from '../../src/modules/webhooks/url-safety.js';

const strict = { allowPrivateNetworks: false };

// Each inside address in the forms a URL and a DNS answer can carry it.
const INSIDE = [
  '127.0.0.1',
  '169.254.169.254',
  '10.1.2.3',
  '::1',
  '::',
  'fd00::1',
  'fe80::1',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '::127.0.0.1',
  '::7f00:1',
  '::ffff:0:7f00:1',
  '::ffff:0:127.0.0.1',
  '64:ff9b::7f00:1',
  '64:ff9b::a9fe:a9fe',
  '64:ff9b:1::a00:1',
  '2002:7f00:1::1',
  '2002:a9fe:a9fe::1',
  '2001:0:4136:e378:8000:63bf:3fff:fdd2',
  '2001:db8::1',
];

const url = (address: string) => `https://${address.includes(':') ? `[${address}]` : address}/hooks`;

describe('a webhook URL', () => {
  test.each(INSIDE)('with the address %s is refused', (address) => {
    expect(() => checkUrlShape(url(address), strict)).toThrow('Must not point to a private, loopback or link-local address.');
  });

  test.each(['https://[::127.0.0.1]/', 'https://[::ffff:0:7f00:1]/', 'https://0x7f.1/', 'https://2130706433/', 'https://[::ffff:127.0.0.1]:8443/x'])(
    '%s, however the address is written, is refused',
    (text) => {
      expect(() => checkUrlShape(text, strict)).toThrow(/private, loopback/);
    },
  );

  test.each(['https://93.184.215.14/hooks', 'https://[2a00:1450:4001:82a::200e]/hooks', 'https://[64:ff9b::808:808]/hooks', 'https://hooks.example.com/x'])(
    '%s is accepted',
    (text) => {
      expect(checkUrlShape(text, strict).href).toBe(text);
    },
  );

  test('with private networks allowed, inside addresses are accepted (development and tests)', () => {
    expect(checkUrlShape('http://[::ffff:0:7f00:1]:8080/hooks', { allowPrivateNetworks: true }).hostname).toBe('[::ffff:0:7f00:1]');
  });
});

describe('the addresses a webhook host resolves to', () => {
  test.each(INSIDE)('refuse the host when one of them is %s', (address) => {
    expect(refuse('hooks.example.com', [{ address: '93.184.215.14' }, { address }])?.message).toBe(
      `hooks.example.com resolves to ${address}, a private, loopback or link-local address.`,
    );
  });

  test('accept a host whose addresses are all public, a NAT64 one included', () => {
    expect(refuse('hooks.example.com', [{ address: '93.184.215.14' }, { address: '2a00:1450:4001:82a::200e' }, { address: '64:ff9b::808:808' }])).toBeNull();
  });
});
