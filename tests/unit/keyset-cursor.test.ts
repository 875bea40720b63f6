import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../src/domain/keyset-cursor.js';

const schema = z.object({ d: z.string(), i: z.uuid() });

test('a cursor round-trips its payload', () => {
  const payload = { d: '2026-12-03', i: '0b6c5a3e-8a39-4d8e-9f0a-3f2d1c9b7a11' };
  expect(decodeCursor(encodeCursor(payload), schema)).toEqual(payload);
});

test('a cursor is URL-safe', () => {
  expect(encodeCursor({ d: '?&/+=', i: '…' })).toMatch(/^[A-Za-z0-9_-]+$/);
});

test.each(['not base64 at all!', encodeCursor({ d: 1 }), Buffer.from('{"d":').toString('base64url'), ''])(
  'a cursor that is not ours decodes to null: %p',
  (cursor) => {
    expect(decodeCursor(cursor, schema)).toBeNull();
  },
);
