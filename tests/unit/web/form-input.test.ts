import { inquiryInputSchema } from '../../../src/modules/inquiries/inquiries.schemas.js';
import { emptyForm, isFieldBlank, readInquiryForm, toInquiryInput } from '../../../src/modules/web/form-input.js';

const filled = {
  language: 'en',
  idempotencyKey: 'abcDEF123_-',
  'enterprise.cvr': 'DK 13 74 81 36',
  'enterprise.name': 'Café Overskud ApS',
  'enterprise.postcode': ' 6000 ',
  'enterprise.employees': '1.200',
  'enterprise.registeredSocialEnterprise': 'false',
  'contact.name': 'Mette Hansen',
  'contact.email': ' mette@example.dk ',
  'contact.phone': '',
  topics: ['hiring', 'other'],
  subject: 'To nye medarbejdere',
  description: 'Linje et\r\nLinje to',
  consent: 'true',
};

test('a filled-in form becomes the same inquiry the JSON API takes, and passes its schema', () => {
  const input = toInquiryInput(readInquiryForm(filled));
  expect(input).toEqual({
    enterprise: { cvr: 'DK 13 74 81 36', name: 'Café Overskud ApS', postcode: '6000', employees: 1200, registeredSocialEnterprise: false },
    contact: { name: 'Mette Hansen', email: 'mette@example.dk', phone: null },
    topics: ['hiring', 'other'],
    subject: 'To nye medarbejdere',
    description: 'Linje et\nLinje to',
    language: 'en',
    consent: true,
  });
  const parsed = inquiryInputSchema.parse(input);
  expect(parsed.enterprise.cvr).toBe('13748136');
});

test('an empty form reads as missing required fields and absent optional ones', () => {
  const form = readInquiryForm({});
  expect(form.language).toBe('da');
  expect(form.topics).toEqual([]);
  expect(form.idempotencyKey).toBeUndefined();
  expect(toInquiryInput(form)).toEqual({
    enterprise: { cvr: undefined, name: undefined, postcode: null, employees: null, registeredSocialEnterprise: null },
    contact: { name: undefined, email: undefined, phone: null },
    topics: [],
    subject: undefined,
    description: undefined,
    language: 'da',
    consent: false,
  });
  expect(isFieldBlank(form, 'topics')).toBe(true);
  expect(isFieldBlank(form, 'enterprise.cvr')).toBe(true);
});

test('what the schema must reject is passed on as typed, not silently dropped', () => {
  const input = toInquiryInput(readInquiryForm({ 'enterprise.employees': 'mange', 'enterprise.registeredSocialEnterprise': 'maybe' })) as {
    enterprise: Record<string, unknown>;
  };
  expect(input.enterprise.employees).toBe('mange');
  expect(input.enterprise.registeredSocialEnterprise).toBe('maybe');
});

test('a field sent twice counts once, a malformed key is ignored, and "don\'t know" is no answer', () => {
  const form = readInquiryForm({ 'enterprise.name': ['A', 'B'], idempotencyKey: 'has spaces', 'enterprise.registeredSocialEnterprise': 'unknown' });
  expect(form.values['enterprise.name']).toBe('A');
  expect(form.idempotencyKey).toBeUndefined();
  expect((toInquiryInput(form) as { enterprise: Record<string, unknown> }).enterprise.registeredSocialEnterprise).toBeNull();
});

test('each empty form gets a key of its own', () => {
  expect(emptyForm('da').idempotencyKey).not.toBe(emptyForm('da').idempotencyKey);
});
