import type { TopicView } from '../../topics/topics.schemas.js';
import type { FormError } from '../field-errors.js';
import type { TextFieldKey } from '../form-input.js';
import { html, type Html } from '../../../pages/html.js';
import type { FieldKey, Messages } from '../../../pages/messages.js';
import { icon } from '../../../pages/components.js';

// Form controls in DKFDS markup (form-group, form-label, form-hint, form-error-message,
// form-input, form-checkbox, form-radio). Every control is labelled, describes its hint
// and error with aria-describedby, and marks an error with aria-invalid.

/** What a control needs to render itself: texts, what was entered, what is wrong. */
export interface FormState {
  m: Messages;
  values: Record<TextFieldKey, string>;
  topics: readonly string[];
  errors: ReadonlyMap<FieldKey, string>;
}

export const fieldId = (key: FieldKey): string => key.replace('.', '-');
export const topicId = (code: string): string => `topics-${code}`;

/** Optional attribute: absent when the value is absent. */
function attr(name: string, value: string | undefined | false): Html {
  return value ? html` ${name}="${value}"` : html``;
}

function describedBy(...ids: (string | undefined)[]): Html {
  const present = ids.filter((id): id is string => id !== undefined);
  return attr('aria-describedby', present.length > 0 && present.join(' '));
}

interface Described {
  id: string;
  hint: Html;
  hintId: string | undefined;
  error: Html;
  errorId: string | undefined;
  invalid: Html;
  groupClass: string;
}

/** Hint and error of one field, with the ids that aria-describedby points to. */
function describe(state: FormState, key: FieldKey, id = fieldId(key)): Described {
  const { hint } = state.m.fields[key];
  const error = state.errors.get(key);
  return {
    id,
    hint: hint ? html`<span class="form-hint" id="${id}-hint">${hint}</span>` : html``,
    hintId: hint ? `${id}-hint` : undefined,
    error: error
      ? html`<span class="form-error-message" id="${id}-error"><span class="sr-only">${state.m.errorPrefix} </span>${error}</span>`
      : html``,
    errorId: error ? `${id}-error` : undefined,
    invalid: error ? html` aria-invalid="true"` : html``,
    groupClass: error ? 'form-group form-error' : 'form-group',
  };
}

function label(state: FormState, key: FieldKey, optional: boolean): Html {
  return html`${state.m.fields[key].label}${optional && html` <span class="weight-normal">${state.m.optional}</span>`}`;
}

export interface TextInputOptions {
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  inputmode?: 'numeric' | 'email' | 'tel';
  /** A DKFDS width class: input-char-4, input-width-s, … */
  width?: string;
  optional?: boolean;
  spellcheck?: boolean;
}

export function textInput(state: FormState, key: TextFieldKey, options: TextInputOptions = {}): Html {
  const { type = 'text', autocomplete, inputmode, width, optional = false, spellcheck = true } = options;
  const d = describe(state, key);
  return html`<div class="${d.groupClass}">
  <label class="form-label" for="${d.id}">${label(state, key, optional)}</label>
  ${d.hint}${d.error}
  <input class="form-input${width ? ` ${width}` : ''}" type="${type}" id="${d.id}" name="${key}" value="${state.values[key]}"${describedBy(d.hintId, d.errorId)}${d.invalid}${!optional && html` required`}${attr('autocomplete', autocomplete)}${attr('inputmode', inputmode)}${!spellcheck && html` spellcheck="false"`}>
</div>`;
}

export interface CharacterLimitTexts {
  limit: string;
  counter: Record<string, string>;
}

/**
 * A textarea with a visible character limit (DKFDS "form-limit"). Without JavaScript the
 * limit is stated; with it, DKFDS counts down as the person types.
 */
export function textareaWithLimit(state: FormState, key: TextFieldKey, maxLength: number, rows = 8): Html {
  const d = describe(state, key);
  const limit = state.m.form.characterLimit(maxLength);
  const limitId = `${d.id}-limit-message`;
  // The first line break after <textarea> is dropped by the HTML parser; this one protects the value's own.
  return html`<div class="${d.groupClass} form-limit" data-maxlength="${maxLength}" data-limit-texts="${JSON.stringify(state.m.form.characterCounter)}">
  <label class="form-label" for="${d.id}">${label(state, key, false)}</label>
  ${d.hint}${d.error}
  <textarea class="form-input input-width-xl" id="${d.id}" name="${key}" rows="${rows}"${describedBy(d.hintId, d.errorId, limitId)}${d.invalid} required>
${state.values[key]}</textarea>
  <span id="${limitId}" class="sr-only">${limit}</span>
  <span class="form-hint character-limit" aria-hidden="true">${limit}</span>
  <span class="character-limit-sr-only sr-only"></span>
</div>`;
}

export function topicCheckboxes(state: FormState, topics: readonly TopicView[]): Html {
  const d = describe(state, 'topics');
  const chosen = new Set(state.topics);
  return html`<div class="${d.groupClass}">
  <fieldset${describedBy(d.hintId, d.errorId)}>
    <legend class="form-label">${state.m.fields.topics.label}</legend>
    ${d.hint}${d.error}
    ${topics.map((topic) => {
      const id = topicId(topic.code);
      return html`<div class="form-group-checkbox">
      <input type="checkbox" class="form-checkbox" id="${id}" name="topics" value="${topic.code}" aria-describedby="${id}-hint"${chosen.has(topic.code) && html` checked`}>
      <label for="${id}">${topic.name[state.m.lang]}</label>
      <span class="form-hint" id="${id}-hint">${topic.description[state.m.lang]}</span>
    </div>`;
    })}
  </fieldset>
</div>`;
}

export function yesNoRadios(state: FormState, key: TextFieldKey, optional: boolean): Html {
  const d = describe(state, key);
  const value = state.values[key];
  const options = [
    { value: 'true', text: state.m.form.yes, id: `${d.id}-yes` },
    { value: 'false', text: state.m.form.no, id: `${d.id}-no` },
    { value: 'unknown', text: state.m.form.dontKnow, id: `${d.id}-unknown` },
  ];
  return html`<div class="${d.groupClass}">
  <fieldset${describedBy(d.hintId, d.errorId)}>
    <legend class="form-label">${label(state, key, optional)}</legend>
    ${d.hint}${d.error}
    ${options.map(
      (option) => html`<div class="form-group-radio">
      <input type="radio" class="form-radio" id="${option.id}" name="${key}" value="${option.value}"${value === option.value && html` checked`}${d.invalid}>
      <label for="${option.id}">${option.text}</label>
    </div>`,
    )}
  </fieldset>
</div>`;
}

/** The consent checkbox, described by the plain-language text on how the data is used. */
export function consentCheckbox(state: FormState): Html {
  const d = describe(state, 'consent');
  return html`<p id="consent-text">${state.m.form.consentText}</p>
<div class="${d.groupClass}">
  ${d.error}
  <div class="form-group-checkbox">
    <input type="checkbox" class="form-checkbox" id="${d.id}" name="consent" value="true"${describedBy('consent-text', d.errorId)}${d.invalid}${state.values.consent === 'true' && html` checked`} required>
    <label for="${d.id}">${state.m.form.consentLabel}</label>
  </div>
</div>`;
}

/** Where the summary's link for a field takes the person: the field, or a group's first option. */
export function anchorFor(key: FieldKey, firstTopic: string | undefined): string {
  if (key === 'topics') return firstTopic ? topicId(firstTopic) : 'topics';
  if (key === 'enterprise.registeredSocialEnterprise') return `${fieldId(key)}-yes`;
  return fieldId(key);
}

/** DKFDS error summary: every problem, each linking to its field. Focused by form.js when present. */
export function errorSummary(m: Messages, errors: readonly FormError[], firstTopic: string | undefined): Html {
  return html`<div class="alert alert-error" role="alert" tabindex="-1" data-module="error-summary" aria-labelledby="error-summary-title">
  ${icon('error', 'alert-icon')}
  <div class="alert-body">
    <h2 class="alert-heading" id="error-summary-title">${m.form.errorSummary}</h2>
    <ul class="alert-text nobullet-list">
      ${errors.map((error) =>
        error.field === null
          ? html`<li>${error.message}</li>`
          : html`<li><a class="function-link" href="#${anchorFor(error.field, firstTopic)}">${error.message}</a></li>`,
      )}
    </ul>
  </div>
</div>`;
}
