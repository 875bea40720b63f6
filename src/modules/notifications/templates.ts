import type { Language, NotificationKind } from '../../domain/notifications.js';
import { documentHtml, html, type Html } from '../../pages/html.js';
import { formatDate, messagesFor } from '../../pages/messages.js';

// Each message is one template per language that says what to tell, as blocks; the plain
// text and the HTML body are both rendered from it, so the two never say different things.
// Every value is escaped in HTML by the `html` tag. Only what is listed in `MessageValues`
// can reach a message: never the inquiry's description, nor a department's or case note.

export interface MessageValues {
  reference: string;
  /** The lead department's name in the message's language. */
  leadDepartment: string;
  /** The date the enterprise is promised an answer by (YYYY-MM-DD). */
  answerBy: string;
  /** The tracking link, known only when the receipt is sent (the token is stored hashed). */
  trackingUrl: string | null;
  /** The text of a note written to the enterprise. */
  noteBody: string | null;
}

/** What a message says, one piece at a time; each has a plain-text and an HTML form. */
export type Block =
  | { paragraph: string }
  | { facts: Array<[label: string, value: string]> }
  | { link: { label: string; url: string } }
  | { quote: string }
  | { items: string[] };

export interface Template {
  subject: string;
  blocks: Block[];
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export function longDate(date: string, language: Language): string {
  return formatDate(date, messagesFor(language));
}

const closing: Record<Language, Block> = {
  da: { paragraph: 'Denne mail er sendt automatisk og kan ikke besvares. Følg sagen med linket fra kvitteringen.' },
  en: { paragraph: 'This email was sent automatically; replies are not read. Follow the case with the link in your receipt.' },
};

const templates: Record<NotificationKind, Record<Language, (v: MessageValues) => Template>> = {
  receipt: {
    da: (v) => ({
      subject: `Kvittering for jeres henvendelse ${v.reference}`,
      blocks: [
        { paragraph: 'Tak for jeres henvendelse. Vi har modtaget den og sendt den videre til rette sted i kommunen.' },
        { facts: [['Sagsnummer', v.reference], ['Jeres kontakt', v.leadDepartment], ['Svar senest', longDate(v.answerBy, 'da')]] },
        ...(v.trackingUrl ? [{ link: { label: 'Følg sagen', url: v.trackingUrl } }, { paragraph: 'Gem linket: det er jeres adgang til sagen.' }] : []),
        { paragraph: 'Denne mail er sendt automatisk og kan ikke besvares.' },
      ],
    }),
    en: (v) => ({
      subject: `Receipt for your inquiry ${v.reference}`,
      blocks: [
        { paragraph: 'Thank you for your inquiry. We have received it and passed it on to the right place in the municipality.' },
        { facts: [['Reference', v.reference], ['Your contact', v.leadDepartment], ['Answer by', longDate(v.answerBy, 'en')]] },
        ...(v.trackingUrl ? [{ link: { label: 'Follow the case', url: v.trackingUrl } }, { paragraph: 'Keep this link: it is your access to the case.' }] : []),
        { paragraph: 'This email was sent automatically; replies are not read.' },
      ],
    }),
  },
  case_in_progress: {
    da: (v) => ({ subject: `Vi arbejder på jeres sag ${v.reference}`, blocks: [{ paragraph: `${v.leadDepartment} er gået i gang med jeres sag ${v.reference}.` }, closing.da] }),
    en: (v) => ({ subject: `We are working on your case ${v.reference}`, blocks: [{ paragraph: `${v.leadDepartment} has started work on your case ${v.reference}.` }, closing.en] }),
  },
  case_waiting_for_you: {
    da: (v) => ({
      subject: `Vi venter på svar fra jer: ${v.reference}`,
      blocks: [{ paragraph: `${v.leadDepartment} har brug for noget fra jer for at komme videre med sagen ${v.reference}. Se kommunens besked på sagen.` }, closing.da],
    }),
    en: (v) => ({
      subject: `We are waiting for you: ${v.reference}`,
      blocks: [{ paragraph: `${v.leadDepartment} needs something from you to go on with case ${v.reference}. See the municipality's message on the case.` }, closing.en],
    }),
  },
  case_resolved: {
    da: (v) => ({ subject: `Jeres sag ${v.reference} er afsluttet`, blocks: [{ paragraph: `${v.leadDepartment} har afsluttet jeres sag ${v.reference}.` }, closing.da] }),
    en: (v) => ({ subject: `Your case ${v.reference} is resolved`, blocks: [{ paragraph: `${v.leadDepartment} has resolved your case ${v.reference}.` }, closing.en] }),
  },
  enterprise_note: {
    da: (v) => ({
      subject: `Ny besked om jeres sag ${v.reference}`,
      blocks: [{ paragraph: `${v.leadDepartment} har skrevet til jer om sagen ${v.reference}:` }, { quote: v.noteBody ?? '' }, closing.da],
    }),
    en: (v) => ({
      subject: `New message about your case ${v.reference}`,
      blocks: [{ paragraph: `${v.leadDepartment} has written to you about case ${v.reference}:` }, { quote: v.noteBody ?? '' }, closing.en],
    }),
  },
};

function blockText(block: Block): string {
  if ('paragraph' in block) return block.paragraph;
  if ('facts' in block) {
    const width = Math.max(...block.facts.map(([label]) => label.length));
    return block.facts.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value}`).join('\n');
  }
  if ('link' in block) return `${block.link.label}:\n${block.link.url}`;
  if ('items' in block) return block.items.map((item) => `- ${item}`).join('\n');
  return block.quote.split('\n').map((line) => `> ${line}`).join('\n');
}

function blockHtml(block: Block): Html {
  if ('paragraph' in block) return html`<p>${block.paragraph}</p>`;
  if ('facts' in block) return html`<table>${block.facts.map(([label, value]) => html`<tr><th align="left">${label}</th><td>${value}</td></tr>`)}</table>`;
  if ('link' in block) return html`<p><a href="${block.link.url}">${block.link.label}</a></p>`;
  if ('items' in block) return html`<ul>${block.items.map((item) => html`<li>${item}</li>`)}</ul>`;
  return html`<blockquote>${block.quote.split('\n').map((line, i) => html`${i > 0 && html`<br>`}${line}`)}</blockquote>`;
}

/** The subject and both bodies of one message in one language. */
export function renderMessage(kind: NotificationKind, language: Language, values: MessageValues): RenderedMessage {
  return renderTemplate(templates[kind][language](values), language);
}

/** Both bodies of a message from its template: every value escaped in the HTML. */
export function renderTemplate({ subject, blocks }: Template, language: Language): RenderedMessage {
  return {
    subject,
    text: `${blocks.map(blockText).join('\n\n')}\n`,
    html: documentHtml(html`<html lang="${language}"><head><meta charset="utf-8"><title>${subject}</title></head><body>${blocks.map(blockHtml)}</body></html>`),
  };
}
