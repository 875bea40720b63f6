import type { Page } from 'playwright-core';
import { randomCvr } from '../../support/fixtures.js';

/** What a person types into the inquiry form, by field. */
export interface FormEntry {
  cvr: string;
  name: string;
  postcode: string;
  employees: string;
  registeredSocialEnterprise: 'yes' | 'no' | 'unknown' | null;
  contactName: string;
  email: string;
  phone: string;
  topics: string[];
  subject: string;
  description: string;
  consent: boolean;
}

export function validEntry(overrides: Partial<FormEntry> = {}): FormEntry {
  return {
    cvr: randomCvr(),
    name: 'Café Overskud ApS',
    postcode: '6000',
    employees: '12',
    registeredSocialEnterprise: 'yes',
    contactName: 'Mette Hansen',
    email: 'mette@example.dk',
    phone: '12 34 56 78',
    topics: ['hiring', 'business-development'],
    subject: 'To nye medarbejdere i løntilskud',
    description: 'Vi vil gerne ansætte to personer i løntilskud og udvikle vores café.\nHvem kan hjælpe os?',
    consent: true,
    ...overrides,
  };
}

const TOPIC_CODES = [
  'hiring',
  'flex-jobs',
  'business-development',
  'startup-funding',
  'public-procurement',
  'premises-permits',
  'environment-waste',
  'social-services',
  'partnerships-volunteers',
  'other',
];

/** Fills every field of the form (replacing what is there) the way a person would. */
export async function fillForm(page: Page, entry: FormEntry): Promise<void> {
  await page.fill('#enterprise-cvr', entry.cvr);
  await page.fill('#enterprise-name', entry.name);
  await page.fill('#enterprise-postcode', entry.postcode);
  await page.fill('#enterprise-employees', entry.employees);
  if (entry.registeredSocialEnterprise) await page.check(`#enterprise-registeredSocialEnterprise-${entry.registeredSocialEnterprise}`);
  await page.fill('#contact-name', entry.contactName);
  await page.fill('#contact-email', entry.email);
  await page.fill('#contact-phone', entry.phone);
  for (const code of TOPIC_CODES) await page.setChecked(`#topics-${code}`, entry.topics.includes(code));
  await page.fill('#subject', entry.subject);
  await page.fill('#description', entry.description);
  await page.setChecked('#consent', entry.consent);
}

/** Presses the submit button and waits for the page the server answers with. */
export async function submit(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
}

/** The case reference on a receipt page's address (/receipt/KOL-2026-000001?token=…). */
export function referenceFromUrl(url: string): string {
  const match = /\/(?:receipt|status)\/([^/?]+)/.exec(new URL(url).pathname);
  if (!match?.[1]) throw new Error(`Not a receipt or status page: ${url}`);
  return decodeURIComponent(match[1]);
}
