import type { EnterpriseStatus } from '../../inquiries/inquiries.schemas.js';
import { html, type Html } from '../../../pages/html.js';
import { formatDate, formatDateTime, type Messages } from '../../../pages/messages.js';
import { alert } from '../../../pages/components.js';
import { homeHref, page, type Site } from '../../../pages/layout.js';

// The receipt and the status page are reached with the case's tracking token. Both show
// what `enterpriseStatus` returns and nothing else.

export interface TrackingPageOptions {
  m: Messages;
  site: Site;
  status: EnterpriseStatus;
  /** This page in the other language (with the token). */
  switchLanguageHref: string;
}

function facts(m: Messages, status: EnterpriseStatus, withStatus: boolean): Html {
  const rows: [string, string][] = [
    [m.facts.reference, status.reference],
    ...(withStatus ? ([[m.facts.status, m.status.labels[status.status]]] as [string, string][]) : []),
    [m.facts.subject, status.subject],
    [m.facts.received, formatDateTime(status.receivedAt, m)],
    [m.facts.contact, status.leadDepartment.name[m.lang]],
    [m.facts.answerBy, formatDate(status.expectedResponseBy, m)],
  ];
  return html`<table class="table structured-list">
  <tbody>
    ${rows.map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`)}
  </tbody>
</table>`;
}

export function receiptPage({ m, site, status, switchLanguageHref, statusHref }: TrackingPageOptions & { statusHref: string }): Html {
  const department = status.leadDepartment.name[m.lang];
  return page({
    m,
    site,
    title: m.receipt.title,
    switchLanguageHref,
    noIndex: true,
    main: html`<h1>${m.receipt.title}</h1>
${alert('success', m.receipt.referenceTitle(status.reference), m.receipt.referenceText)}
<p class="font-lead">${m.receipt.contact(department, formatDate(status.expectedResponseBy, m))}</p>
${facts(m, status, false)}
<h2>${m.receipt.trackTitle}</h2>
<p>${m.receipt.trackText}</p>
<p><a href="${statusHref}">${m.receipt.trackLink(status.reference)}</a></p>
<p><a href="${homeHref(m)}">${m.receipt.newInquiry}</a></p>`,
  });
}

export function statusPage({ m, site, status, switchLanguageHref }: TrackingPageOptions): Html {
  return page({
    m,
    site,
    title: m.status.title(status.reference),
    switchLanguageHref,
    noIndex: true,
    main: html`<h1>${m.status.title(status.reference)}</h1>
<p class="font-lead"><strong>${m.status.labels[status.status]}.</strong> ${m.status.explanations[status.status]}</p>
${facts(m, status, true)}
<h2>${m.status.notesTitle}</h2>
${
  status.notes.length === 0
    ? html`<p>${m.status.noNotes}</p>`
    : html`<ul class="unstyled-list enterprise-notes">
  ${status.notes.map(
    (note) => html`<li class="enterprise-note">
    <p class="form-hint"><time datetime="${note.createdAt}">${formatDateTime(note.createdAt, m)}</time></p>
    <p class="note-body">${note.body}</p>
  </li>`,
  )}
</ul>`
}`,
  });
}
