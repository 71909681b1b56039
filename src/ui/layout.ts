/**
 * The HTML document around every default page: head, stylesheet link, brand header and card.
 */
import type { Branding } from './branding.js';
import { escapeHtml, safeLinkUrl } from './escape.js';
import type { UiStrings } from './strings/types.js';

/** What every page needs besides its model. */
export interface PageContext {
  readonly branding: Branding;
  readonly strings: UiStrings;
  /** The stylesheet URL, normally `/ui/sigil.css?v=<hash>`. */
  readonly stylesheetHref: string;
}

/**
 * Values a template may use: `text` values are escaped by `{{name}}`; `html` values are trusted
 * fragments built by Sigil and are inserted as they are by `{{{name}}}`.
 */
export interface TemplateFields {
  readonly text: Readonly<Record<string, string>>;
  readonly html: Readonly<Record<string, string>>;
}

/** A page before it is put into the layout or a custom template. */
export interface PageParts {
  /** Plain-text title (escaped when written). */
  readonly title: string;
  /** HTML inside the card, after the brand header. */
  readonly content: string;
  /** A wider card (consent). */
  readonly wide?: boolean;
  /** Page-specific template fields. */
  readonly fields: TemplateFields;
}

/** `<head>` content: charset, viewport, colour schemes, robots, title and stylesheet. */
export function renderHead(ctx: PageContext, title: string): string {
  return [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(title)} · ${escapeHtml(ctx.branding.productName)}</title>`,
    `<link rel="stylesheet" href="${escapeHtml(ctx.stylesheetHref)}">`,
  ].join('\n');
}

/** The brand header: the logo (with the product name as `alt`) or the product name. */
export function renderBrand(branding: Branding): string {
  const inner = branding.logoUrl
    ? `<img class="brand__logo" src="${escapeHtml(branding.logoUrl)}" alt="${escapeHtml(branding.productName)}">`
    : `<span class="brand__name">${escapeHtml(branding.productName)}</span>`;
  return `<div class="brand">${inner}</div>`;
}

/** Fields every template receives. */
export function commonFields(ctx: PageContext, parts: PageParts): TemplateFields {
  return {
    text: {
      lang: ctx.strings.locale,
      dir: ctx.strings.dir,
      title: parts.title,
      productName: ctx.branding.productName,
      logoUrl: ctx.branding.logoUrl ?? '',
      stylesheetHref: ctx.stylesheetHref,
    },
    html: { head: renderHead(ctx, parts.title), brand: renderBrand(ctx.branding), content: parts.content },
  };
}

/** The full default document of a page. */
export function renderLayout(ctx: PageContext, parts: PageParts): string {
  return `<!doctype html>
<html lang="${escapeHtml(ctx.strings.locale)}" dir="${escapeHtml(ctx.strings.dir)}">
<head>
${renderHead(ctx, parts.title)}
</head>
<body>
<main class="page">
<div class="card${parts.wide ? ' card--wide' : ''}">
${renderBrand(ctx.branding)}
${parts.content}
</div>
</main>
</body>
</html>
`;
}

/** ` action="..."` for a safe form target, or nothing (the form posts back to the current URL). */
export function formActionAttr(action: string | undefined): string {
  const url = safeLinkUrl(action);
  return url ? ` action="${escapeHtml(url)}"` : '';
}

/** A hidden input; the value is escaped. */
export function hiddenInput(name: string, value: string | undefined): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}
