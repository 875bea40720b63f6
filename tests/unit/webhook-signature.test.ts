import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { generateWebhookSecret, webhookHeaders } from '../../src/domain/webhook-signature.js';

// The service signs with the Standard Webhooks reference library; these tests check what
// it sends against the specification's own example, against the specification's formula
// computed independently with node:crypto, and against the library's verification.

/** The specification's signature, computed from its text: HMAC-SHA256 over id.timestamp.body. */
function specSignature(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`, 'utf8').digest('base64')}`;
}

describe('Standard Webhooks signatures', () => {
  test('match the published example of the Standard Webhooks specification', () => {
    const headers = webhookHeaders(['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'], 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  test('a new secret is whsec_ with 32 random key bytes in base64, different each time', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  test('for any id, timestamp, body (non-ASCII too) and secret, the signature is the specification\'s HMAC', () => {
    const secrets = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((key) => `whsec_${Buffer.from(key).toString('base64')}`);
    fc.assert(
      fc.property(
        secrets,
        fc.string({ minLength: 1, unit: 'binary' }),
        fc.integer({ min: 0, max: 2 ** 33 }),
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.json()),
        (secret, id, timestamp, body) => {
          expect(webhookHeaders([secret], id, timestamp, body)['webhook-signature']).toBe(specSignature(secret, id, timestamp, body));
        },
      ),
    );
  });

  test.each([
    ['Danish letters', '{"note":{"body":"Vi ringer på mandag: Æble, Øl og Åen."}}'],
    ['emoji and other planes', '{"note":{"body":"Tak 🙏 — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, 中文, العربية"}}'],
    ['JSON escapes', JSON.stringify({ body: 'line\nbreak "quoted" \\ \u0000 \u2028' })],
  ])('a body with %s signs as the specification says and verifies with the library', (_name, body) => {
    const secret = generateWebhookSecret();
    const now = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders([secret], 'msg_2f6f0f4cbb2c4c0f9a0e8f7d3b1a5c6e', now, body);
    expect(headers['webhook-signature']).toBe(specSignature(secret, headers['webhook-id'], now, body));
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  const secret = generateWebhookSecret();
  const body = '{"type":"case.created","timestamp":"2026-11-26T10:00:00.000Z","data":{"caseId":"x","note":"Æ"}}';
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const headersAt = (seconds: number, secrets = [secret]): Record<string, string> => ({ ...webhookHeaders(secrets, 'msg_1', seconds, body) });
  const verify = (key: string, headers: Record<string, string>, raw = body) => new Webhook(key).verify(raw, headers);

  test('a delivery signed with the secret verifies', () => {
    expect(verify(secret, headersAt(nowSeconds()))).toEqual(JSON.parse(body));
  });

  test('during a rotation the delivery carries both signatures and verifies with either secret, and with no other', () => {
    const previous = generateWebhookSecret();
    const headers = headersAt(nowSeconds(), [secret, previous]);
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(verify(secret, headers)).toEqual(JSON.parse(body));
    expect(verify(previous, headers)).toEqual(JSON.parse(body));
    expect(() => verify(generateWebhookSecret(), headers)).toThrow(WebhookVerificationError);
  });

  test.each([
    ['a changed body', (h: Record<string, string>) => [h, `${body} `]],
    ['another message id', (h: Record<string, string>) => [{ ...h, 'webhook-id': 'msg_2' }, body]],
    ['another timestamp', (h: Record<string, string>) => [{ ...h, 'webhook-timestamp': String(Number(h['webhook-timestamp']) - 1) }, body]],
    ['another secret', (h: Record<string, string>) => [{ ...h, 'webhook-signature': webhookHeaders([generateWebhookSecret()], 'msg_1', Number(h['webhook-timestamp']), body)['webhook-signature'] }, body]],
  ])('%s is rejected', (_name, tamper) => {
    const [headers, tamperedBody] = tamper(headersAt(nowSeconds())) as [Record<string, string>, string];
    expect(() => verify(secret, headers, tamperedBody)).toThrow(WebhookVerificationError);
  });

  test('an old timestamp is rejected as a possible replay, a recent one is accepted', () => {
    expect(() => verify(secret, headersAt(nowSeconds() - 600))).toThrow(/too old/);
    expect(verify(secret, headersAt(nowSeconds() - 120))).toEqual(JSON.parse(body));
  });
});
