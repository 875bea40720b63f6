/**
 * A small server-side HTML layer: the `html` tagged template escapes every interpolated
 * value unless it is itself the result of `html`. There is no way to mark a plain string
 * as safe, so text from a request or the database can only reach a page escaped.
 *
 * Attribute values must be written in double quotes in the templates; escaping covers
 * both text content and quoted attribute values.
 */
export class Html {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);
}

/** Anything a template may interpolate: nested templates, lists of them, text, numbers, or nothing. */
export type Renderable = Html | string | number | boolean | null | undefined | readonly Renderable[];

function render(value: Renderable): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  // false/null/undefined render nothing, so `${cond && html`…`}` reads naturally.
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Renderable[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** A whole document, ready to send. */
export function documentHtml(body: Html): string {
  return `<!DOCTYPE html>\n${body.value}`;
}
