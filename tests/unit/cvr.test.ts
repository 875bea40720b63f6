import { normaliseCvr } from '../../src/domain/cvr.js';

describe('normaliseCvr', () => {
  test.each([
    ['13748136', '13748136'],
    ['13 74 81 36', '13748136'],
    ['DK13748136', '13748136'],
    ['dk 1374-8136', '13748136'],
    [' 13748136 ', '13748136'],
  ])('accepts %p as %p', (input, expected) => {
    expect(normaliseCvr(input)).toBe(expected);
  });

  test.each([
    ['13748137', 'wrong check digit'],
    ['1374813', 'seven digits'],
    ['137481360', 'nine digits'],
    ['1374813a', 'a letter'],
    ['', 'empty'],
    ['SE13748136', 'another country prefix'],
  ])('rejects %p (%s)', (input) => {
    expect(normaliseCvr(input)).toBeNull();
  });
});
