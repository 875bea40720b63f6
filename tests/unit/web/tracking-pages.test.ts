import { messagesFor } from '../../../src/pages/messages.js';
import { statusPage } from '../../../src/modules/web/views/tracking-pages.js';

const status = {
  reference: 'KOL-2026-000123',
  status: 'waiting_for_you' as const,
  subject: 'Lokaler',
  receivedAt: '2026-11-26T10:00:00.000Z',
  leadDepartment: { code: 'technical', name: { da: 'Teknik og Miljø', en: 'Technical and environmental services' } },
  expectedResponseBy: '2026-12-03',
  notes: [
    { createdAt: '2026-11-27T08:30:00.000Z', body: 'Send os en tegning.\n<b>Tak</b>' },
    { createdAt: '2026-11-28T09:00:00.000Z', body: 'Modtaget.' },
  ],
};
const assets = { stylesheet: '/assets/styles.css', dkfdsScript: '/assets/dkfds.js', formScript: '/assets/form.js', firstPaintFont: '/assets/font.woff2' };
const site = { municipalityName: 'Kolding Kommune', accessibilityStatementUrl: 'https://www.was.digst.dk/kolding-dk', assets };

test('the status page shows the status, the lead department, the due date and the notes for the enterprise, escaped', () => {
  const page = statusPage({ m: messagesFor('da'), site, status, switchLanguageHref: '/x' }).value;
  expect(page).toContain('<strong>Afventer svar fra dig.</strong>');
  expect(page).toContain('<td>Teknik og Miljø</td>');
  expect(page).toContain('<td>3. december 2026</td>');
  expect(page).toContain('<time datetime="2026-11-27T08:30:00.000Z">27. november 2026 kl. 09.30</time>');
  expect(page).toContain('<p class="note-body">Send os en tegning.\n&lt;b&gt;Tak&lt;/b&gt;</p>');
  expect(page).toContain('Modtaget.');
  expect(page).toContain('<a href="https://www.was.digst.dk/kolding-dk">Tilgængelighedserklæring</a>');
});

test('in English the same page uses English labels and dates', () => {
  const page = statusPage({ m: messagesFor('en'), site, status, switchLanguageHref: '/x' }).value;
  expect(page).toContain('<strong>Waiting for your reply.</strong>');
  expect(page).toContain('<td>Technical and environmental services</td>');
  expect(page).toContain('<td>3 December 2026</td>');
});
