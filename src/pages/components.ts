import { html, type Html } from './html.js';

// DKFDS components that the enterprise pages and the staff pages share. The form
// controls of the inquiry form stay with the web module.

export const DKFDS_PREFIX = '/assets/dkfds/';

/** An icon from the DKFDS sprite, decorative (the text beside it says what it means). */
export function icon(name: string, classes = ''): Html {
  return html`<svg class="icon-svg${classes ? ` ${classes}` : ''}" focusable="false" aria-hidden="true"><use href="${DKFDS_PREFIX}img/all-svg-icons.svg#${name}"></use></svg>`;
}

/** A DKFDS alert with a heading; warnings and errors are announced (role="alert"). */
export function alert(variant: 'info' | 'warning' | 'success' | 'error', title: string, body: Html | string): Html {
  return html`<div class="alert alert-${variant}"${(variant === 'warning' || variant === 'error') && html` role="alert"`}>
  ${icon(variant, 'alert-icon')}
  <div class="alert-body">
    <h2 class="alert-heading">${title}</h2>
    <p class="alert-text">${body}</p>
  </div>
</div>`;
}
