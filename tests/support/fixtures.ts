import { randomInt } from 'node:crypto';

/** A valid CVR number (modulus 11 with weights 2,7,6,5,4,3,2,1), different each call. */
export function randomCvr(): string {
  const weights = [2, 7, 6, 5, 4, 3, 2];
  for (;;) {
    const digits = Array.from({ length: 7 }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(0, 10)));
    const sum = digits.reduce((acc, d, i) => acc + d * (weights[i] as number), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return `${digits.join('')}${check}`;
  }
}

export function validInquiry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    enterprise: { cvr: randomCvr(), name: 'Café Overskud ApS', postcode: '6000', employees: 12, registeredSocialEnterprise: true },
    contact: { name: 'Mette Hansen', email: 'mette@example.dk', phone: '+4512345678' },
    topics: ['hiring', 'business-development'],
    subject: 'To nye medarbejdere i løntilskud',
    description: 'Vi vil gerne ansætte to personer i løntilskud og udvikle vores café.',
    language: 'da',
    consent: true,
    ...overrides,
  };
}
