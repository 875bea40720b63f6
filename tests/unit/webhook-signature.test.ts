import { generateWebhookSecret, signWebhook, verifyWebhook, webhookHeaders, WebhookVerificationError } from '../../src/domain/webhook-signature.js';

describe('Standard Webhooks signatures', () => {
  test('match the published example of the Standard Webhooks specification', () => {
    const signature = signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  test('a new secret is whsec_ with 32 random key bytes in base64, different each time', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  const secret = generateWebhookSecret();
  const body = '{"type":"case.created","timestamp":"2026-11-26T10:00:00.000Z","data":{"caseId":"x"}}';
  const now = 1_795_000_000_000;
  const headersAt = (seconds: number, secrets = [secret]) => ({ ...webhookHeaders(secrets, 'msg_1', seconds, body) });

  test('a delivery signed with the secret verifies', () => {
    expect(() => verifyWebhook(secret, headersAt(now / 1000), body, { now })).not.toThrow();
  });

  test('during a rotation the delivery carries both signatures and verifies with either secret', () => {
    const previous = generateWebhookSecret();
    const headers = headersAt(now / 1000, [secret, previous]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => verifyWebhook(secret, headers, body, { now })).not.toThrow();
    expect(() => verifyWebhook(previous, headers, body, { now })).not.toThrow();
  });

  test.each([
    ['a changed body', (h: Record<string, string>) => [h, `${body} `]],
    ['another message id', (h: Record<string, string>) => [{ ...h, 'webhook-id': 'msg_2' }, body]],
    ['another secret', (h: Record<string, string>) => [{ ...h, 'webhook-signature': signWebhook(generateWebhookSecret(), 'msg_1', now / 1000, body) }, body]],
    ['a missing signature header', (h: Record<string, string>) => [{ ...h, 'webhook-signature': undefined }, body]],
    ['a timestamp that is not a number', (h: Record<string, string>) => [{ ...h, 'webhook-timestamp': '12e3' }, body]],
  ])('%s is rejected', (_name, tamper) => {
    const [headers, tamperedBody] = tamper(headersAt(now / 1000)) as [Record<string, string | undefined>, string];
    expect(() => verifyWebhook(secret, headers, tamperedBody, { now })).toThrow(WebhookVerificationError);
  });

  test('an old timestamp is rejected as a possible replay, within the tolerance it is accepted', () => {
    const tenMinutesAgo = now / 1000 - 600;
    expect(() => verifyWebhook(secret, headersAt(tenMinutesAgo), body, { now })).toThrow(/too far/);
    expect(() => verifyWebhook(secret, headersAt(tenMinutesAgo), body, { now, toleranceSeconds: 900 })).not.toThrow();
  });
});
