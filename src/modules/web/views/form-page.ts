import type { TopicView } from '../../topics/topics.schemas.js';
import type { FormError } from '../field-errors.js';
import type { InquiryForm } from '../form-input.js';
import { html, type Html } from '../../../pages/html.js';
import type { FieldKey, Messages } from '../../../pages/messages.js';
import { alert } from '../../../pages/components.js';
import { consentCheckbox, errorSummary, type FormState, textareaWithLimit, textInput, topicCheckboxes, yesNoRadios } from './components.js';
import { page, type Site } from '../../../pages/layout.js';

export const DESCRIPTION_MAX_LENGTH = 5000;

/**
 * The form is sent to an address of its own, not to `/`: a browser drops its cached copy
 * of an address that a POST succeeded on, and going back to the form must show the very
 * page that was sent (with its idempotency key), not a fresh one.
 */
export const FORM_ACTION = '/inquiry';

export type FormNotice = 'alreadySent' | 'stillProcessing';

export interface FormPageOptions {
  m: Messages;
  site: Site;
  form: InquiryForm;
  topics: readonly TopicView[];
  errors?: readonly FormError[];
  notice?: FormNotice;
}

export function formPage({ m, site, form, topics, errors = [], notice }: FormPageOptions): Html {
  const state: FormState = {
    m,
    values: form.values,
    topics: form.topics,
    errors: new Map(errors.flatMap((e): [FieldKey, string][] => (e.field ? [[e.field, e.message]] : []))),
  };
  const title = errors.length > 0 ? `${m.errorPrefix} ${m.form.title}` : m.form.title;
  return page({
    m,
    site,
    title,
    switchLanguageHref: m.lang === 'da' ? '/?lang=en' : '/',
    description: m.form.metaDescription,
    main: html`${errors.length > 0 && errorSummary(m, errors, topics[0]?.code)}
${notice && alert(notice === 'alreadySent' ? 'warning' : 'info', m.form[notice].title, m.form[notice].body)}
<h1>${m.form.title}</h1>
<p class="font-lead">${m.form.lead}</p>
<p>${m.form.requiredNote}</p>
<form method="post" action="${FORM_ACTION}" novalidate>
  <input type="hidden" name="language" value="${m.lang}">
  <input type="hidden" name="idempotencyKey" value="${form.idempotencyKey}">

  <h2>${m.form.sections.enterprise}</h2>
  ${textInput(state, 'enterprise.cvr', { inputmode: 'numeric', width: 'input-char-11', spellcheck: false })}
  ${textInput(state, 'enterprise.name', { autocomplete: 'organization', width: 'input-width-l' })}
  ${textInput(state, 'enterprise.postcode', { inputmode: 'numeric', width: 'input-char-4', autocomplete: 'postal-code', optional: true })}
  ${textInput(state, 'enterprise.employees', { inputmode: 'numeric', width: 'input-char-8', optional: true })}
  ${yesNoRadios(state, 'enterprise.registeredSocialEnterprise', true)}

  <h2>${m.form.sections.contact}</h2>
  ${textInput(state, 'contact.name', { autocomplete: 'name', width: 'input-width-l' })}
  ${textInput(state, 'contact.email', { type: 'email', autocomplete: 'email', width: 'input-width-l', spellcheck: false })}
  ${textInput(state, 'contact.phone', { type: 'tel', autocomplete: 'tel', width: 'input-width-s', optional: true })}

  <h2>${m.form.sections.inquiry}</h2>
  ${topicCheckboxes(state, topics)}
  ${textInput(state, 'subject', { width: 'input-width-xl' })}
  ${textareaWithLimit(state, 'description', DESCRIPTION_MAX_LENGTH)}

  <h2>${m.form.sections.consent}</h2>
  ${consentCheckbox(state)}

  <div class="form-group">
    <button type="submit" class="button button-primary">${m.form.submit}</button>
  </div>
</form>`,
  });
}
