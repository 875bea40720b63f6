import { safeNextPath } from '../../src/domain/sign-in-next.js';

describe('the page after signing in', () => {
  test.each([
    ['/staff', '/staff'],
    ['/staff/cases/KOL-2026-000001', '/staff/cases/KOL-2026-000001'],
    ['/staff/cases?department=jobcenter&lang=en', '/staff/cases?department=jobcenter&lang=en'],
    ['/staff/cases/../cases', '/staff/cases'],
  ])('a staff path is kept: %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  test.each([
    '//evil.example',
    '//evil.example/staff',
    'https://evil.example/staff',
    'http:/evil.example/staff',
    '/\\evil.example',
    '\\\\evil.example',
    '/staff\\..\\..\\evil',
    '/%2F%2Fevil.example',
    '/%5Cevil.example',
    '/staff/../evil',
    '/staff/%2e%2e/evil',
    '/staff/..%2F..%2Fevil',
    '/staff/%5C%5Cevil',
    '/staffing',
    '/v1/cases',
    'javascript:alert(1)',
    ' /staff',
    '/staff\n//evil.example',
    '/staff/sign-in/link/sl_x',
    '/staff/sign-out',
    '',
    42,
    undefined,
  ])('anything else is refused: %p', (next) => {
    expect(safeNextPath(next)).toBeNull();
  });
});
