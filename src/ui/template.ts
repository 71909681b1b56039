/**
 * The tiny template language of replacement pages: `{{name}}` writes an escaped value, `{{{name}}}` writes
 * an HTML fragment built by Sigil. There are no conditionals, loops or expressions.
 */
import { escapeHtml } from './escape.js';
import type { TemplateFields } from './layout.js';

const TAG = /\{\{\{\s*([A-Za-z_]\w*)\s*\}\}\}|\{\{\s*([A-Za-z_]\w*)\s*\}\}/g;

/**
 * Fills a template in one pass, so nothing a value contains is ever read as a tag.
 * `{{name}}` looks `name` up in `fields.text` and escapes it. `{{{name}}}` looks it up in `fields.html`
 * (trusted fragments) and, failing that, writes the escaped text value: a triple brace can never turn
 * user input into markup. Unknown names become the empty string.
 *
 * @example
 * ```ts
 * fillTemplate('<h1>{{title}}</h1>{{{form}}}', { text: { title: 'Sign in' }, html: { form: '<form>…</form>' } });
 * ```
 */
export function fillTemplate(template: string, fields: TemplateFields): string {
  return template.replace(TAG, (_whole, raw: string | undefined, escaped: string | undefined) => {
    if (raw !== undefined && Object.hasOwn(fields.html, raw)) return fields.html[raw]!;
    const name = (raw ?? escaped)!;
    return Object.hasOwn(fields.text, name) ? escapeHtml(fields.text[name]) : '';
  });
}
