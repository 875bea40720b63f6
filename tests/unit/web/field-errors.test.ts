import { errorKind, fieldKeyOf, translateFieldErrors } from '../../../src/modules/web/field-errors.js';
import { messagesFor } from '../../../src/pages/messages.js';

const da = messagesFor('da');
const en = messagesFor('en');

test('API error paths name the form field they belong to', () => {
  expect(fieldKeyOf('body.enterprise.cvr')).toBe('enterprise.cvr');
  expect(fieldKeyOf('body.topics.2')).toBe('topics');
  expect(fieldKeyOf('body.consent')).toBe('consent');
  expect(fieldKeyOf('body.language')).toBeNull();
  expect(fieldKeyOf('body')).toBeNull();
});

test("the schema's messages are read as kinds of problem", () => {
  expect(errorKind('Required')).toEqual({ kind: 'required' });
  expect(errorKind('Choose at least one topic')).toEqual({ kind: 'required' });
  expect(errorKind('Choose at most 5 topics')).toEqual({ kind: 'tooMany', limit: 5 });
  expect(errorKind('At least 10 characters')).toEqual({ kind: 'tooShort', limit: 10 });
  expect(errorKind('At most 5000 characters')).toEqual({ kind: 'tooLong', limit: 5000 });
  expect(errorKind('Unknown topic: x')).toEqual({ kind: 'unknown' });
  expect(errorKind('Not a valid CVR number (8 digits with a valid check digit)')).toEqual({ kind: 'invalid' });
});

test('errors are translated into the page language, one per field, in page order', () => {
  const errors = [
    { path: 'body.description', message: 'At most 5000 characters' },
    { path: 'body.topics.0', message: 'Unknown topic: x' },
    { path: 'body.topics.1', message: 'Unknown topic: y' },
    { path: 'body.enterprise.cvr', message: 'Not a valid CVR number (8 digits with a valid check digit)' },
  ];
  expect(translateFieldErrors(errors, da)).toEqual([
    { field: 'enterprise.cvr', message: da.fields['enterprise.cvr'].invalid },
    { field: 'topics', message: da.fields.topics.unknown },
    { field: 'description', message: 'Beskrivelsen må højst være 5000 tegn' },
  ]);
  expect(translateFieldErrors(errors, en)[2]).toEqual({ field: 'description', message: 'The description must be 5000 characters or fewer' });
});

test('a field left empty is asked for, whatever the schema objected to', () => {
  const errors = [{ path: 'body.contact.email', message: 'Not a valid email address' }];
  expect(translateFieldErrors(errors, da)[0]?.message).toBe(da.fields['contact.email'].invalid);
  expect(translateFieldErrors(errors, da, (field) => field === 'contact.email')[0]?.message).toBe(da.fields['contact.email'].required);
});

test('a problem outside the form fields becomes one general message without a field', () => {
  const errors = [
    { path: 'body.language', message: 'Invalid option' },
    { path: 'body', message: 'Invalid input' },
  ];
  expect(translateFieldErrors(errors, da)).toEqual([{ field: null, message: da.errors.badRequest.body }]);
});
