import type { Language } from '../../domain/notifications.js';
import { type Block, longDate, type RenderedMessage, renderTemplate, type Template } from './templates.js';

// The messages to caseworkers, one template per message and language, rendered like the
// enterprise's (templates.ts): both bodies from the same blocks, every value escaped in the
// HTML. They name the case by its reference and the department's work on it, never the
// inquiry's description, the enterprise's contact, a reason or a note.

/** How the department came to have the work. */
export type AssignmentOrigin = 'intake' | 'transfer' | 'involved' | 'reroute';

export interface AssignmentLine {
  reference: string;
  /** The department's name in the message's language. */
  department: string;
  role: 'lead' | 'involved';
  /** The date the department's part is due (YYYY-MM-DD). */
  answerBy: string;
}

export interface NewAssignmentValues extends AssignmentLine {
  origin: AssignmentOrigin;
  staffUrl: string;
}

export interface DigestValues {
  assignments: AssignmentLine[];
  staffUrl: string;
}

export interface OverdueValues {
  assignments: AssignmentLine[];
  staffUrl: string;
}

const roleName: Record<Language, Record<AssignmentLine['role'], string>> = {
  da: { lead: 'ansvarlig', involved: 'inddraget' },
  en: { lead: 'lead', involved: 'involved' },
};

const originText: Record<Language, Record<AssignmentOrigin, string>> = {
  da: {
    intake: 'Sagen er lige kommet ind.',
    transfer: 'En anden afdeling har overdraget opgaven.',
    involved: 'Afdelingen er blevet inddraget i sagen.',
    reroute: 'Sagen er blevet fordelt igen.',
  },
  en: {
    intake: 'The case has just arrived.',
    transfer: 'Another department has handed the work over.',
    involved: 'The department has been brought onto the case.',
    reroute: 'The case has been routed again.',
  },
};

function line(a: AssignmentLine, language: Language): string {
  return language === 'da'
    ? `${a.reference}: ${a.department} (${roleName.da[a.role]}), svar senest ${longDate(a.answerBy, 'da')}`
    : `${a.reference}: ${a.department} (${roleName.en[a.role]}), answer by ${longDate(a.answerBy, 'en')}`;
}

const workLink: Record<Language, (url: string) => Block> = {
  da: (url) => ({ link: { label: 'Se dine opgaver', url } }),
  en: (url) => ({ link: { label: 'See your work', url } }),
};

const automatic: Record<Language, Block> = {
  da: { paragraph: 'Denne mail er sendt automatisk. Du vælger selv, om du får besked om nye opgaver med det samme, én gang om dagen eller slet ikke.' },
  en: { paragraph: 'This email was sent automatically. You choose whether you hear of new assignments at once, once a day or not at all.' },
};

const newAssignment: Record<Language, (v: NewAssignmentValues) => Template> = {
  da: (v) => ({
    subject: `Ny opgave til ${v.department}: ${v.reference}`,
    blocks: [
      { paragraph: `${v.department} har fået en ny opgave. ${originText.da[v.origin]}` },
      { facts: [['Sagsnummer', v.reference], ['Afdeling', v.department], ['Rolle', roleName.da[v.role]], ['Svar senest', longDate(v.answerBy, 'da')]] },
      workLink.da(v.staffUrl),
      automatic.da,
    ],
  }),
  en: (v) => ({
    subject: `New assignment for ${v.department}: ${v.reference}`,
    blocks: [
      { paragraph: `${v.department} has a new assignment. ${originText.en[v.origin]}` },
      { facts: [['Reference', v.reference], ['Department', v.department], ['Role', roleName.en[v.role]], ['Answer by', longDate(v.answerBy, 'en')]] },
      workLink.en(v.staffUrl),
      automatic.en,
    ],
  }),
};

const digest: Record<Language, (v: DigestValues) => Template> = {
  da: (v) => ({
    subject: v.assignments.length === 1 ? '1 ny opgave venter i dine afdelinger' : `${v.assignments.length} nye opgaver venter i dine afdelinger`,
    blocks: [
      { paragraph: 'Siden sidste oversigt er der kommet disse opgaver i dine afdelinger, og de venter stadig i køen:' },
      { items: v.assignments.map((a) => line(a, 'da')) },
      workLink.da(v.staffUrl),
      automatic.da,
    ],
  }),
  en: (v) => ({
    subject: v.assignments.length === 1 ? '1 new assignment waits in your departments' : `${v.assignments.length} new assignments wait in your departments`,
    blocks: [
      { paragraph: 'Since the last summary these assignments have arrived in your departments, and they still wait in the queue:' },
      { items: v.assignments.map((a) => line(a, 'en')) },
      workLink.en(v.staffUrl),
      automatic.en,
    ],
  }),
};

const overdue: Record<Language, (v: OverdueValues) => Template> = {
  da: (v) => ({
    subject: v.assignments.length === 1 ? 'Du har 1 opgave over svarfristen' : `Du har ${v.assignments.length} opgaver over svarfristen`,
    blocks: [
      { paragraph: 'Disse opgaver er dine, og svarfristen er overskredet:' },
      { items: v.assignments.map((a) => line(a, 'da')) },
      workLink.da(v.staffUrl),
      { paragraph: 'Denne mail er sendt automatisk, hver arbejdsdag så længe du har opgaver over svarfristen.' },
    ],
  }),
  en: (v) => ({
    subject: v.assignments.length === 1 ? 'You have 1 overdue assignment' : `You have ${v.assignments.length} overdue assignments`,
    blocks: [
      { paragraph: 'These assignments are yours, and their answer date has passed:' },
      { items: v.assignments.map((a) => line(a, 'en')) },
      workLink.en(v.staffUrl),
      { paragraph: 'This email is sent automatically, every working day while you have overdue assignments.' },
    ],
  }),
};

export function renderNewAssignment(language: Language, values: NewAssignmentValues): RenderedMessage {
  return renderTemplate(newAssignment[language](values), language);
}

export function renderDigest(language: Language, values: DigestValues): RenderedMessage {
  return renderTemplate(digest[language](values), language);
}

export function renderOverdueReminder(language: Language, values: OverdueValues): RenderedMessage {
  return renderTemplate(overdue[language](values), language);
}
