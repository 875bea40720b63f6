/** A CSV value: text, a number, or nothing (an empty field). */
export type CsvValue = string | number | null;

/**
 * One field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break.
 * Text a spreadsheet would run as a formula (starting with =, +, - or @) gets a leading
 * apostrophe, so opening the file never runs what someone typed into a name.
 */
function field(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document: the header, then the rows, lines ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${row.map(field).join(',')}\r\n`).join('');
}
