import { html, type Html } from '../../../pages/html.js';
import type { Site } from '../../../pages/layout.js';
import type { Messages } from '../../../pages/messages.js';
import { staffHref, staffPage } from './staff-pages.js';

/**
 * What opening a sign-in link shows: whom it signs in, and a button that does. Opening
 * the link changes nothing, so a mail client's link scanner cannot use it up, and a link
 * planted on another site cannot sign a browser in as someone else.
 */
export function linkConfirmPage({ m, site, path, name, csrfToken, next }: { m: Messages; site: Site; path: string; name: string; csrfToken: string; next: string | null }): Html {
  const texts = m.staff.signIn.confirm;
  return staffPage({
    m,
    site,
    title: texts.title,
    switchLanguageHref: staffHref(path, m.otherLanguage.lang, next ? { next } : {}),
    main: html`<h1>${texts.title}</h1>
<p class="font-lead">${texts.lead(name)}</p>
<form method="post" action="${path}">
  <input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="lang" value="${m.lang}">${next && html`<input type="hidden" name="next" value="${next}">`}
  <button type="submit" class="button button-primary">${texts.button(name)}</button>
</form>
<p class="form-hint">${texts.notYou}</p>`,
  });
}
