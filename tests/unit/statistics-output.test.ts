import { toCsv } from '../../src/domain/csv.js';
import { barChart, niceCeiling } from '../../src/pages/charts.js';

describe('CSV', () => {
  test('fields with commas, quotes or line breaks are quoted; null is an empty field', () => {
    expect(toCsv(['a', 'b', 'c'], [['x,y', 'say "hi"', null], [1.5, 'line\nbreak', 0]])).toBe('a,b,c\r\n"x,y","say ""hi""",\r\n1.5,"line\nbreak",0\r\n');
  });

  test('text a spreadsheet would run as a formula is kept as text', () => {
    expect(toCsv(['name'], [['=HYPERLINK("x")'], ['+1'], ['-2'], ['@SUM(A1)']])).toBe(`name\r\n"'=HYPERLINK(""x"")"\r\n'+1\r\n'-2\r\n'@SUM(A1)\r\n`);
    expect(toCsv(['n'], [[-2]])).toBe('n\r\n-2\r\n');
  });
});

describe('bar charts', () => {
  test('the axis ends at a round number at or above the largest bar', () => {
    expect([0, 1, 3, 7, 12, 99, 100, 101].map(niceCeiling)).toEqual([1, 1, 5, 10, 20, 100, 100, 200]);
  });

  test('an image labelled by its title and description, a bar per value and a dash for a withheld one, text escaped', () => {
    const svg = barChart({
      id: 'c',
      title: 'Received <per> month',
      description: 'See the table',
      bars: [
        { label: 'jan', value: 10 },
        { label: 'feb', value: null },
      ],
      format: String,
    }).value;
    expect(svg).toContain('role="img" aria-labelledby="c-title c-desc"');
    expect(svg).toContain('<title id="c-title">Received &lt;per&gt; month</title>');
    expect(svg.match(/<rect /g)).toHaveLength(1);
    expect(svg).toContain('>–</text>');
    expect(svg).not.toMatch(/style=/);
  });
});
