import { formatEtag, ifMatchSatisfied, parseIfMatch } from '../../src/domain/etag.js';

test('an ETag is the quoted revision', () => {
  expect(formatEtag(7)).toBe('"7"');
});

test('If-Match with the current tag, or among several, lets the change through', () => {
  expect(ifMatchSatisfied({ any: false, strongTags: ['"7"'] }, 7)).toBe(true);
  const several = parseIfMatch('"5", "7" ,"9"');
  expect(several).toEqual({ any: false, strongTags: ['"5"', '"7"', '"9"'] });
  expect(several && ifMatchSatisfied(several, 7)).toBe(true);
});

test('If-Match with a stale tag is refused', () => {
  const stale = parseIfMatch('"6"');
  expect(stale && ifMatchSatisfied(stale, 7)).toBe(false);
});

test('a weak tag never satisfies If-Match, as RFC 9110 compares strongly', () => {
  const weak = parseIfMatch('W/"7"');
  expect(weak).toEqual({ any: false, strongTags: [] });
  expect(weak && ifMatchSatisfied(weak, 7)).toBe(false);
});

test('If-Match: * matches any revision', () => {
  const any = parseIfMatch(' * ');
  expect(any && ifMatchSatisfied(any, 1)).toBe(true);
});

test.each(['', '7', '"7', '"7" "8"', 'W/7', '"7",,'])('a malformed If-Match header %p is recognised as such', (header) => {
  expect(parseIfMatch(header)).toBeNull();
});
