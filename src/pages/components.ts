import { html, type Html } from './html.js';
import { iconSymbol } from './icons.js';

// DKFDS components that the enterprise pages and the staff pages share. The form
// controls of the inquiry form stay with the web module.

/** A DKFDS icon, decorative (the text beside it says what it means), drawn inline. */
export function icon(name: string, classes = ''): Html {
  const symbol = iconSymbol(name);
  if (!symbol) throw new Error(`DKFDS has no icon named ${name}`);
  return html`<svg class="icon-svg${classes ? ` ${classes}` : ''}" viewBox="${symbol.viewBox}" focusable="false" aria-hidden="true">${symbol.body}</svg>`;
}

// Whole class names, never built from parts: the stylesheet keeps only the classes it
// finds written in the sources (page-assets.ts).
const ALERT_CLASSES = { info: 'alert-info', warning: 'alert-warning', success: 'alert-success', error: 'alert-error' } as const;

/** A DKFDS alert with a heading; warnings and errors are announced (role="alert"). */
export function alert(variant: keyof typeof ALERT_CLASSES, title: string, body: Html | string): Html {
  return html`<div class="alert ${ALERT_CLASSES[variant]}"${(variant === 'warning' || variant === 'error') && html` role="alert"`}>
  ${icon(variant, 'alert-icon')}
  <div class="alert-body">
    <h2 class="alert-heading">${title}</h2>
    <p class="alert-text">${body}</p>
  </div>
</div>`;
}
