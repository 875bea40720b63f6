import { readFileSync } from 'node:fs';
import { CASE_EVENT_TYPES } from '../../src/domain/case-events.js';
import { WEBHOOK_EVENT_TYPES } from '../../src/modules/webhooks/event-types.js';

// docs/case-events.md is where a newcomer reads which events exist and what each webhook
// carries: it names every type the code defines, so a new one cannot go undocumented.

const doc = readFileSync(new URL('../../docs/case-events.md', import.meta.url), 'utf8');
/** The rows of the first table under a heading. */
function tableRows(heading: string): string[] {
  const start = doc.indexOf(heading);
  const end = doc.indexOf('\n## ', start + heading.length);
  return doc.slice(start, end === -1 ? undefined : end).split('\n').filter((line) => line.startsWith('| `'));
}

test('every event of the catalogue has its row in the event table', () => {
  const documented = tableRows('## The event catalogue').map((row) => /^\| `([a-z_]+)`/.exec(row)?.[1]);
  expect(documented).toEqual([...CASE_EVENT_TYPES]);
});

test('every webhook event type has its row in the webhook table', () => {
  const documented = tableRows('## What each webhook carries').map((row) => /^\| `([a-z.]+)`/.exec(row)?.[1]);
  expect(documented).toEqual([...WEBHOOK_EVENT_TYPES]);
});
