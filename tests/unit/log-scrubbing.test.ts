import { scrubUrl } from '../../src/plugins/logging.js';

test('secrets in a URL never reach the log: tracking tokens, sign-in link codes, the identity provider\'s code and state', () => {
  expect(scrubUrl('/status/KOL-2026-000001?token=abc&lang=en')).toBe('/status/KOL-2026-000001?token=[REDACTED]&lang=en');
  expect(scrubUrl('/staff/sign-in/link/sl_0123456789abcdef?lang=en')).toBe('/staff/sign-in/link/[REDACTED]?lang=en');
  expect(scrubUrl('/staff/sign-in/callback?code=abc&state=def&iss=https%3A%2F%2Fidp')).toBe('/staff/sign-in/callback?code=[REDACTED]&state=[REDACTED]&iss=https%3A%2F%2Fidp');
  expect(scrubUrl('/staff/cases?department=jobcenter')).toBe('/staff/cases?department=jobcenter');
});
