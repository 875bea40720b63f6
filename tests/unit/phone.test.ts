import { normalisePhone } from '../../src/domain/phone.js';

describe('normalisePhone', () => {
  test.each([
    ['12345678', '+4512345678'],
    ['12 34 56 78', '+4512345678'],
    ['+45 12 34 56 78', '+4512345678'],
    ['0045 12345678', '+4512345678'],
    ['+46 70 123 45 67', '+46701234567'],
  ])('normalises %p to %p', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  test.each(['1234567', '+45 1234567', '+45123456789', 'call me', '++4512345678', '+0123456789'])('rejects %p', (input) => {
    expect(normalisePhone(input)).toBeNull();
  });
});
