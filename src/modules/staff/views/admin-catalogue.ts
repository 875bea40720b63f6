import { alert } from '../../../pages/components.js';
import { html, type Html } from '../../../pages/html.js';
import type { Site } from '../../../pages/layout.js';
import type { Messages } from '../../../pages/messages.js';
import type { TopicView } from '../../topics/topics.schemas.js';
import type { DepartmentWithMembers } from '../admin.repository.js';
import {
  ADMIN_DEPARTMENTS_PATH,
  ADMIN_TOPICS_PATH,
  adminPage,
  errorSummary,
  fieldParts,
  type FormView,
  type PostedAdminForm,
  textArea,
  textInput,
  valueOf,
} from './admin-components.js';
import { formFields, type SignedIn, staffHref } from './staff-pages.js';

// The departments and the topic catalogue: what the form offers and where cases go. Topics
// are changed here as with PATCH /v1/topics/{code}; departments are shown with how many
// caseworkers belong to each (memberships are changed on each user's page).

export function adminTopicPath(code: string): string {
  return `${ADMIN_TOPICS_PATH}/${encodeURIComponent(code)}`;
}

export function adminDepartmentsPage({ m, site, signedIn, departments }: { m: Messages; site: Site; signedIn: SignedIn; departments: readonly DepartmentWithMembers[] }): Html {
  const t = m.staff.admin.departmentsPage;
  const a = m.staff.admin;
  return adminPage({
    m,
    site,
    signedIn,
    section: 'departments',
    title: t.title,
    problem: false,
    path: ADMIN_DEPARTMENTS_PATH,
    main: html`<h1>${t.title}</h1>
<p class="font-lead">${t.lead}</p>
<div class="table--responsive-scroll">
<table class="table table--compact">
  <caption class="sr-only">${t.caption}</caption>
  <thead><tr><th scope="col">${t.code}</th><th scope="col">${t.nameDa}</th><th scope="col">${t.nameEn}</th><th scope="col">${t.takesWork}</th><th scope="col" class="text-align-right">${t.activeMembers}</th><th scope="col" class="text-align-right">${t.inactiveMembers}</th></tr></thead>
  <tbody>
    ${departments.map(
      (d) => html`<tr>
      <th scope="row">${d.code}</th>
      <td lang="da">${d.nameDa}</td>
      <td lang="en">${d.nameEn}</td>
      <td>${d.active ? a.yes : a.no}</td>
      <td class="text-align-right">${d.activeMembers}</td>
      <td class="text-align-right">${d.inactiveMembers}</td>
    </tr>`,
    )}
  </tbody>
</table>
</div>
<p class="form-hint">${t.membershipsHint}</p>`,
  });
}

export function adminTopicsPage({ m, site, signedIn, topics, saved }: { m: Messages; site: Site; signedIn: SignedIn; topics: readonly TopicView[]; saved?: TopicView | undefined }): Html {
  const t = m.staff.admin.topics;
  const a = m.staff.admin;
  return adminPage({
    m,
    site,
    signedIn,
    section: 'topics',
    title: t.title,
    problem: false,
    path: ADMIN_TOPICS_PATH,
    main: html`${saved && alert('success', t.saved(m.lang === 'da' ? saved.name.da : saved.name.en), '')}
<h1>${t.title}</h1>
<p class="font-lead">${t.lead}</p>
<div class="table--responsive-scroll">
<table class="table table--compact">
  <caption class="sr-only">${t.caption}</caption>
  <thead><tr><th scope="col">${t.code}</th><th scope="col">${t.nameDa}</th><th scope="col">${t.nameEn}</th><th scope="col" class="text-align-right">${t.responseDays}</th><th scope="col">${t.public}</th><th scope="col"><span class="sr-only">${t.edit}</span></th></tr></thead>
  <tbody>
    ${topics.map(
      (topic) => html`<tr>
      <th scope="row">${topic.code}</th>
      <td lang="da">${topic.name.da}</td>
      <td lang="en">${topic.name.en}</td>
      <td class="text-align-right">${topic.responseDays}</td>
      <td>${topic.public ? a.yes : a.no}</td>
      <td><a href="${staffHref(adminTopicPath(topic.code), m.lang)}" aria-label="${t.editNamed(m.lang === 'da' ? topic.name.da : topic.name.en)}">${t.edit}</a></td>
    </tr>`,
    )}
  </tbody>
</table>
</div>`,
  });
}

export interface AdminTopicPageOptions {
  m: Messages;
  site: Site;
  signedIn: SignedIn;
  topic: TopicView;
  posted?: PostedAdminForm | undefined;
}

/** The public flag as one checkbox: ticked sends "true", unticked sends nothing. */
function publicBox(view: FormView, topic: TopicView): Html {
  const t = view.m.staff.admin.topics;
  const p = fieldParts(view, 'topic', 'public', t.publicHint);
  const ticked = view.posted?.form === 'topic' ? valueOf(view, 'topic', 'public') === 'true' : topic.public;
  return html`<div class="${p.groupClass}">
  <fieldset${p.describedBy && html` aria-describedby="${p.describedBy}"`}>
    <legend class="form-label">${t.public}</legend>
    ${p.hint}${p.message}
    <div class="form-group-checkbox">
      <input type="checkbox" class="form-checkbox" id="${p.id}" name="public" value="true"${ticked && html` checked`}>
      <label for="${p.id}">${t.publicLabel}</label>
    </div>
  </fieldset>
</div>`;
}

export function adminTopicPage({ m, site, signedIn, topic, posted }: AdminTopicPageOptions): Html {
  const t = m.staff.admin.topics;
  const view: FormView = { m, posted };
  const path = adminTopicPath(topic.code);
  const title = t.topicTitle(m.lang === 'da' ? topic.name.da : topic.name.en);
  return adminPage({
    m,
    site,
    signedIn,
    section: 'topics',
    title,
    problem: (posted?.errors.size ?? 0) > 0,
    path,
    main: html`${errorSummary(view)}
<p><a href="${staffHref(ADMIN_TOPICS_PATH, m.lang)}">${t.toList}</a></p>
<h1>${title}</h1>
<p>${t.editLead(topic.code)}</p>
<form method="post" action="${path}" novalidate>${formFields(m, signedIn)}
${textInput(view, 'topic', 'nameDa', t.nameDa, { autocomplete: 'off', fallback: topic.name.da, required: true })}
${textInput(view, 'topic', 'nameEn', t.nameEn, { autocomplete: 'off', fallback: topic.name.en, required: true })}
${textArea(view, 'topic', 'descriptionDa', t.descriptionDa, { fallback: topic.description.da })}
${textArea(view, 'topic', 'descriptionEn', t.descriptionEn, { fallback: topic.description.en })}
${textInput(view, 'topic', 'responseDays', t.responseDays, { hint: t.responseDaysHint, inputmode: 'numeric', autocomplete: 'off', fallback: String(topic.responseDays), required: true, width: 'input-width-xs' })}
${publicBox(view, topic)}
<button type="submit" class="button button-primary">${t.save}</button>
</form>`,
  });
}
