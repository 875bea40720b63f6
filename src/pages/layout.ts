import { icon } from './components.js';
import { html, type Html, type Renderable } from './html.js';
import type { Messages } from './messages.js';
import type { PageAssetLinks } from './page-assets.js';

/** What the pages say about who runs the service, from the configuration, and where their assets are. */
export interface Site {
  municipalityName: string;
  accessibilityStatementUrl: string | undefined;
  assets: PageAssetLinks;
}

/** The form, in the page's language. */
export function homeHref(m: Messages): string {
  return m.lang === 'da' ? '/' : '/?lang=en';
}

export interface PageOptions {
  m: Messages;
  site: Site;
  title: string;
  /** The same page in the other language. */
  switchLanguageHref: string;
  main: Renderable;
  /** Pages reached with a tracking token are nobody's search result. */
  noIndex?: boolean;
  /** Where the service's name in the header leads: the form, unless the page belongs elsewhere (the staff pages). */
  homeHref?: string;
  /** The name in the header, when it is not the service's. */
  solutionName?: string;
  /** Shown in the header beside the language link (who is signed in, signing out). */
  headerActions?: Renderable;
  /** The header's navigation between the pages of a signed-in area (the staff pages). */
  navigation?: Renderable;
  /** Whether the page needs the form's own script beside DKFDS's (the enterprise pages do). */
  formScript?: boolean;
  /** What a search result says of the page (public pages only). */
  description?: string;
}

/** The DKFDS page frame: skip link, header with the solution's name, main content, footer. */
export function page(options: PageOptions): Html {
  const { m, site, title, switchLanguageHref, main, noIndex = false, headerActions, navigation, description } = options;
  const { homeHref: home = homeHref(m), solutionName = m.serviceName, formScript = true } = options;
  const other = m.otherLanguage;
  return html`<html lang="${m.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${noIndex && html`<meta name="robots" content="noindex, nofollow">`}
${description && html`<meta name="description" content="${description}">`}
<title>${title} – ${solutionName}</title>
<link rel="icon" href="data:,">
<link rel="preload" href="${site.assets.firstPaintFont}" as="font" type="font/woff2" crossorigin>
<link rel="stylesheet" href="${site.assets.stylesheet}">
<script src="${site.assets.dkfdsScript}" defer></script>
${formScript && html`<script src="${site.assets.formScript}" defer></script>`}
</head>
<body>
<a class="skipnav" href="#main-content">${m.skipLink}</a>
<header class="header">
  <div class="solution-info">
    <div class="solution-info-inner container">
      <div class="solution-heading">
        <a href="${home}">${solutionName}</a>
      </div>
      <div class="additional-info">
        <p><strong class="authority-name">${site.municipalityName}</strong></p>
      </div>
      ${headerActions}
      <div class="language-link">
        <a class="function-link" href="${switchLanguageHref}" lang="${other.lang}" hreflang="${other.lang}">${icon('language')}${other.name}</a>
      </div>
    </div>
  </div>
${navigation}
</header>
<main class="container page-container" id="main-content" tabindex="-1">
  <div class="row">
    <div class="col-12 col-lg-9">
${main}
    </div>
  </div>
</main>
<footer>
  <div class="footer">
    <div class="container">
      <p><strong>${site.municipalityName}</strong></p>
      <ul class="unstyled-list inline-list">
        ${site.accessibilityStatementUrl && html`<li><a href="${site.accessibilityStatementUrl}">${m.footer.accessibility}</a></li>`}
        <li><a href="/docs">${m.footer.apiDocs}</a></li>
      </ul>
    </div>
  </div>
</footer>
</body>
</html>`;
}

/** A plain page with a heading, a text and a way back: not found, errors. */
export function messagePage(options: Omit<PageOptions, 'main'> & { body: string; extra?: Renderable }): Html {
  const { m, title, body, extra } = options;
  return page({
    ...options,
    main: html`<h1>${title}</h1>
<p class="font-lead">${body}</p>
${extra}
<p><a href="${options.homeHref ?? homeHref(m)}">${m.errors.frontPage}</a></p>`,
  });
}
