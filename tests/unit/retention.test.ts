import { actionFor, contactTerms, dueCutoffs, erasurePattern, MAX_RETENTION_DAYS, periodErrors, scrubText } from '../../src/domain/retention.js';

describe('a schedule', () => {
  test('with periods from 0 days to 30 years, anonymising no later than deleting, is valid; null means never', () => {
    expect(periodErrors({ anonymiseContactAfterDays: 0, deleteCaseAfterDays: MAX_RETENTION_DAYS })).toEqual([]);
    expect(periodErrors({ anonymiseContactAfterDays: 365, deleteCaseAfterDays: 365 })).toEqual([]);
    expect(periodErrors({ anonymiseContactAfterDays: null, deleteCaseAfterDays: null })).toEqual([]);
    expect(periodErrors({ anonymiseContactAfterDays: 30, deleteCaseAfterDays: null })).toEqual([]);
  });

  test('names the field that is negative, fractional, longer than 30 years, or anonymises after deletion', () => {
    expect(periodErrors({ anonymiseContactAfterDays: -1, deleteCaseAfterDays: 10 }).map((e) => e.field)).toEqual(['anonymiseContactAfterDays']);
    expect(periodErrors({ anonymiseContactAfterDays: 1, deleteCaseAfterDays: 2.5 }).map((e) => e.field)).toEqual(['deleteCaseAfterDays']);
    expect(periodErrors({ anonymiseContactAfterDays: 1, deleteCaseAfterDays: MAX_RETENTION_DAYS + 1 }).map((e) => e.field)).toEqual(['deleteCaseAfterDays']);
    expect(periodErrors({ anonymiseContactAfterDays: 400, deleteCaseAfterDays: 365 })).toEqual([
      { field: 'anonymiseContactAfterDays', message: expect.stringContaining('365') },
    ]);
  });
});

describe('which action a case is due for', () => {
  const asOf = new Date('2026-11-29T02:45:00Z');
  const cutoffs = dueCutoffs({ anonymiseContactAfterDays: 30, deleteCaseAfterDays: 365 }, asOf);
  const daysAgo = (days: number) => new Date(asOf.getTime() - days * 86_400_000);

  test('counted in whole days from the moment of resolution', () => {
    expect(cutoffs.anonymiseResolvedBefore).toEqual(daysAgo(30));
    expect(actionFor({ closedAt: daysAgo(30), held: false, erased: false }, cutoffs)).toBe('anonymise');
    expect(actionFor({ closedAt: new Date(daysAgo(30).getTime() + 1), held: false, erased: false }, cutoffs)).toBe('none');
  });

  test('deletion wins over anonymising; an anonymised case waits for its deletion', () => {
    expect(actionFor({ closedAt: daysAgo(400), held: false, erased: false }, cutoffs)).toBe('delete');
    expect(actionFor({ closedAt: daysAgo(400), held: false, erased: true }, cutoffs)).toBe('delete');
    expect(actionFor({ closedAt: daysAgo(100), held: false, erased: true }, cutoffs)).toBe('none');
  });

  test('a held case and an open case are left alone; a period of null never comes', () => {
    expect(actionFor({ closedAt: daysAgo(4000), held: true, erased: false }, cutoffs)).toBe('none');
    expect(actionFor({ closedAt: null, held: false, erased: false }, cutoffs)).toBe('none');
    const never = dueCutoffs({ anonymiseContactAfterDays: null, deleteCaseAfterDays: null }, asOf);
    expect(actionFor({ closedAt: daysAgo(4000), held: false, erased: false }, never)).toBe('none');
  });
});

describe("finding the contact's values in other text", () => {
  test('name, address and number, also without the country code; fragments too short to be safe are left out', () => {
    expect(contactTerms({ name: 'Mette Hansen', email: 'mette@example.dk', phone: '+4512345678' })).toEqual([
      'Mette Hansen',
      'mette@example.dk',
      '+4512345678',
      '12345678',
    ]);
    expect(contactTerms({ name: 'Bo', email: '', phone: null })).toEqual([]);
    expect(contactTerms({ name: '[erased]', email: '', phone: null })).toEqual([]);
  });

  test('are replaced wherever they appear, whatever their case, and characters special to patterns are taken literally', () => {
    const pattern = erasurePattern(contactTerms({ name: 'Anne (Bo) Ib+', email: 'anne.ib@example.dk', phone: '+4522334455' }));
    expect(scrubText('Ring til ANNE.IB@example.dk eller 22334455, spørg efter Anne (Bo) Ib+.', pattern)).toBe(
      'Ring til [erased] eller [erased], spørg efter [erased].',
    );
    expect(scrubText('annexib@exampleXdk', pattern)).toBe('annexib@exampleXdk');
    expect(erasurePattern([])).toBeNull();
    expect(scrubText('unchanged', null)).toBe('unchanged');
  });
});
