import { alert } from '../../../pages/components.js';
import { html, type Html, type Renderable } from '../../../pages/html.js';
import { messagePage, page, type Site } from '../../../pages/layout.js';
import { type ErrorPageTexts, formatDate, type Lang, type Messages } from '../../../pages/messages.js';
import { NEW_ASSIGNMENTS_PREFERENCES, type NewAssignmentsPreference } from '../../../domain/notifications.js';
import type { MyWork } from '../staff.service.js';

// The staff pages. Every form posts with the session's CSRF token and the page's language.

export const STAFF_HOME = '/staff';
export const SIGN_IN_PATH = '/staff/sign-in';
export const SIGN_OUT_PATH = '/staff/sign-out';
export const STAFF_CASES = '/staff/cases';
export const STAFF_STATISTICS = '/staff/statistics';
export const STAFF_ROUTING = '/staff/routing';
export const OIDC_START_PATH = '/staff/sign-in/oidc';
export const OIDC_CALLBACK_PATH = '/staff/sign-in/callback';
export const MAIL_CHOICE_PATH = '/staff/notifications';
export const ADMIN_PATH = '/staff/admin';

/** A staff page's address in a language (Danish is the default, so it is left out). */
export function staffHref(pathname: string, lang: Lang, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params);
  if (lang !== 'da') query.set('lang', lang);
  const search = query.toString();
  return search ? `${pathname}?${search}` : pathname;
}

/** A case's page, in the language of the page that links to it. */
export function staffCaseHref(reference: string, lang: Lang): string {
  return staffHref(`${STAFF_CASES}/${encodeURIComponent(reference)}`, lang);
}

/** Who is signed in, for the header and the forms. */
export interface SignedIn {
  name: string;
  csrfToken: string;
  /** Whether the pages offer the way to the administration pages. */
  admin?: boolean;
  /** Coordinators and admins: the navigation offers the statistics page. */
  seesStatistics?: boolean | undefined;
  /** Coordinators and admins: the navigation offers the routing editor. */
  seesRouting?: boolean | undefined;
}

/** What a group of pages tells someone signed in whose role they are not for: whom they are for, and the way back. */
export interface Refusal {
  texts: ErrorPageTexts;
  toMyWork: string;
  /** The group's page, for the link to the other language. */
  path: string;
}

export interface StaffPageOptions {
  m: Messages;
  site: Site;
  title: string;
  /** The same page in the other language. */
  switchLanguageHref: string;
  signedIn?: SignedIn | undefined;
  /** The page of the navigation this page is (or belongs to). */
  current?: StaffSection | undefined;
  main: Renderable;
}

export type StaffSection = 'work' | 'cases' | 'statistics' | 'routing' | 'admin';

/** The hidden fields every staff form carries. */
export function formFields(m: Messages, signedIn: SignedIn): Html {
  return html`<input type="hidden" name="_csrf" value="${signedIn.csrfToken}"><input type="hidden" name="lang" value="${m.lang}">`;
}

function signOutForm(m: Messages, signedIn: SignedIn): Html {
  return html`<div class="additional-info staff-session">
        <p>${m.staff.signedInAs(signedIn.name)}</p>
        <form method="post" action="${SIGN_OUT_PATH}">${formFields(m, signedIn)}<button type="submit" class="button button-unstyled function-link">${m.staff.signOut}</button></form>
      </div>`;
}

/** Between "My work" and the case list, for whoever is signed in, and the statistics for coordinators and admins (DKFDS's header menu). */
function staffNavigation(m: Messages, current: StaffSection | undefined, signedIn: SignedIn): Html {
  const items: { section: StaffSection; href: string; text: string }[] = [
    { section: 'work', href: staffHref(STAFF_HOME, m.lang), text: m.staff.navigation.work },
    { section: 'cases', href: staffHref(STAFF_CASES, m.lang), text: m.staff.navigation.cases },
    ...(signedIn.seesStatistics ? [{ section: 'statistics' as const, href: staffHref(STAFF_STATISTICS, m.lang), text: m.staff.navigation.statistics }] : []),
    ...(signedIn.seesRouting ? [{ section: 'routing' as const, href: staffHref(STAFF_ROUTING, m.lang), text: m.staff.navigation.routing }] : []),
    ...(signedIn.admin ? [{ section: 'admin' as const, href: staffHref(ADMIN_PATH, m.lang), text: m.staff.navigation.admin }] : []),
  ];
  return html`<div class="navigation-menu staff-navigation">
    <div class="navigation-menu-inner container">
      <nav class="nav" aria-label="${m.staff.navigation.label}">
        <ul class="mainmenu">
          ${items.map(
            (item) =>
              html`<li${item.section === current && html` class="active current"`}><a href="${item.href}" class="nav-link"${item.section === current && html` aria-current="page"`}><span>${item.text}</span></a></li>`,
          )}
        </ul>
      </nav>
    </div>
  </div>`;
}

export function staffPage({ m, site, title, switchLanguageHref, signedIn, current, main }: StaffPageOptions): Html {
  return page({
    m,
    site,
    title,
    switchLanguageHref,
    main,
    noIndex: true,
    homeHref: staffHref(STAFF_HOME, m.lang),
    solutionName: m.staff.solutionName,
    headerActions: signedIn && signOutForm(m, signedIn),
    navigation: signedIn && staffNavigation(m, current, signedIn),
    // The staff pages need none of the form's script; DKFDS's own is enough.
    formScript: false,
  });
}

/** A page that explains a refusal or a problem, with a way on. */
export function staffMessagePage(options: Omit<StaffPageOptions, 'main' | 'title'> & { texts: ErrorPageTexts; next?: { href: string; text: string } }): Html {
  const { m, texts, next } = options;
  return messagePage({
    ...options,
    title: texts.title,
    body: texts.body,
    noIndex: true,
    homeHref: next?.href ?? staffHref(STAFF_HOME, m.lang),
    solutionName: m.staff.solutionName,
    headerActions: options.signedIn && signOutForm(m, options.signedIn),
    navigation: options.signedIn && staffNavigation(m, undefined, options.signedIn),
    formScript: false,
    extra: next && html`<p><a class="button button-primary" href="${next.href}">${next.text}</a></p>`,
  });
}

export type SignInNotice = 'signedOut' | 'expired';

/** The sign-in page: the identity provider's button when one is set up, else how to get a sign-in link. */
export function signInPage({ m, site, notice, oidc, next }: { m: Messages; site: Site; notice?: SignInNotice | undefined; oidc: boolean; next?: string | null | undefined }): Html {
  const other = m.otherLanguage.lang;
  const texts = m.staff.signIn;
  const carry: Record<string, string> = next ? { next } : {};
  return staffPage({
    m,
    site,
    title: texts.title,
    switchLanguageHref: staffHref(SIGN_IN_PATH, other, carry),
    main: html`<h1>${texts.title}</h1>
${notice && alert('info', texts[notice].title, texts[notice].body)}
<p class="font-lead">${texts.lead}</p>
${
  oidc
    ? html`<p>${texts.oidcLead}</p>
<p><a class="button button-primary" href="${staffHref(OIDC_START_PATH, m.lang, carry)}">${texts.oidcButton}</a></p>
<p class="form-hint">${texts.linkAlternative}</p>`
    : html`<p>${texts.howToGetLink}</p>
<p class="form-hint">${texts.adminHint}</p>`
}`,
  });
}

export type WorkNotice = { kind: 'claimed'; reference: string } | { kind: 'queueEmpty'; department: string } | { kind: 'mailSaved' };

function departmentName(m: Messages, d: { nameDa: string; nameEn: string }): string {
  return m.lang === 'da' ? d.nameDa : d.nameEn;
}

/** The choice of mail about new assignments, as radios: the one saved is checked. */
function mailChoiceForm(m: Messages, signedIn: SignedIn, chosen: NewAssignmentsPreference, invalid: boolean): Html {
  const t = m.staff.mail;
  const describedBy = invalid ? 'mail-hint mail-error' : 'mail-hint';
  return html`<h2>${t.title}</h2>
<form method="post" action="${MAIL_CHOICE_PATH}">${formFields(m, signedIn)}
<div class="form-group${invalid && html` form-error`}">
  <fieldset aria-describedby="${describedBy}">
    <legend class="form-label">${t.legend}</legend>
    <span class="form-hint" id="mail-hint">${t.hint}</span>
    ${invalid && html`<span class="form-error-message" id="mail-error"><span class="sr-only">${m.errorPrefix} </span>${t.invalid}</span>`}
    ${NEW_ASSIGNMENTS_PREFERENCES.map(
      (choice) => html`<div class="form-group-radio">
      <input type="radio" class="form-radio" id="mail-${choice}" name="newAssignments" value="${choice}"${choice === chosen && html` checked`}${invalid && html` aria-invalid="true"`}>
      <label for="mail-${choice}">${t.options[choice]}</label>
    </div>`,
    )}
  </fieldset>
</div>
<button type="submit" class="button button-secondary">${t.save}</button>
</form>`;
}

export function myWorkPage({
  m,
  site,
  signedIn,
  work,
  notice,
  mailError = false,
}: {
  m: Messages;
  site: Site;
  signedIn: SignedIn;
  work: MyWork;
  notice?: WorkNotice | undefined;
  mailError?: boolean;
}): Html {
  const t = m.staff.work;
  const named = (code: string) => {
    const d = work.departments.find((dep) => dep.code === code);
    return d ? departmentName(m, d) : code;
  };
  const noticeTexts =
    notice && (notice.kind === 'claimed' ? t.claimed(notice.reference) : notice.kind === 'queueEmpty' ? t.queueEmpty(named(notice.department)) : m.staff.mail.saved);
  const anyClaim = work.departments.some((d) => d.mayClaim);
  return staffPage({
    m,
    site,
    signedIn,
    current: 'work',
    title: t.title,
    switchLanguageHref: staffHref(STAFF_HOME, m.otherLanguage.lang),
    main: html`<h1>${t.title}</h1>
<p class="font-lead">${t.lead}</p>
${signedIn.admin && html`<p><a href="${staffHref(ADMIN_PATH, m.lang)}">${m.staff.admin.title}</a></p>`}
${noticeTexts && alert(notice?.kind === 'queueEmpty' ? 'info' : 'success', noticeTexts.title, noticeTexts.body)}
<h2>${t.departmentsTitle}</h2>
${
  work.departments.length === 0
    ? html`<p>${t.noDepartments}</p>`
    : html`<div class="table--responsive-scroll">
<table class="table table--compact">
  <caption class="sr-only">${t.caption}</caption>
  <thead><tr><th scope="col">${t.department}</th><th scope="col" class="text-align-right">${t.queued}</th><th scope="col" class="text-align-right">${t.inProgress}</th><th scope="col" class="text-align-right">${t.waiting}</th><th scope="col" class="text-align-right">${t.overdue}</th>${anyClaim && html`<th scope="col">${t.actions}</th>`}</tr></thead>
  <tbody>
    ${work.departments.map(
      (d) => html`<tr>
      <th scope="row">${departmentName(m, d)}</th>
      <td class="text-align-right">${d.queued}</td>
      <td class="text-align-right">${d.inProgress}</td>
      <td class="text-align-right">${d.waiting}</td>
      <td class="text-align-right">${d.overdue}</td>
      ${anyClaim && html`<td>${d.mayClaim && html`<form method="post" action="/staff/departments/${encodeURIComponent(d.code)}/claim">${formFields(m, signedIn)}<button type="submit" class="button button-secondary" aria-label="${t.takeNextIn(departmentName(m, d))}">${t.takeNext}</button></form>`}</td>`}
    </tr>`,
    )}
  </tbody>
</table>
</div>
${!anyClaim && html`<p class="form-hint">${t.claimOnlyMembers}</p>`}`
}
<h2>${t.assignmentsTitle}</h2>
${
  work.assignments.length === 0
    ? html`<p>${t.noAssignments}</p>`
    : html`<div class="table--responsive-scroll">
<table class="table table--compact">
  <caption class="sr-only">${t.assignmentsCaption}</caption>
  <thead><tr><th scope="col">${t.due}</th><th scope="col">${t.reference}</th><th scope="col">${t.subject}</th><th scope="col">${t.enterprise}</th><th scope="col">${t.department}</th><th scope="col">${t.status}</th></tr></thead>
  <tbody>
    ${work.assignments.map(
      (a) => html`<tr${a.dueDate < work.today && html` class="overdue"`}>
      <td>${formatDate(a.dueDate, m)}${a.dueDate < work.today && html` <strong>${t.overdueMark}</strong>`}</td>
      <td><a href="${staffCaseHref(a.reference, m.lang)}">${a.reference}</a></td>
      <td>${a.subject}</td>
      <td>${a.enterpriseName}</td>
      <td>${m.lang === 'da' ? a.departmentNameDa : a.departmentNameEn}</td>
      <td>${t.statuses[a.status]}</td>
    </tr>`,
    )}
  </tbody>
</table>
</div>`
}
${work.newAssignments && mailChoiceForm(m, signedIn, work.newAssignments, mailError)}`,
  });
}
