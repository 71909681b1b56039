/**
 * The stylesheet of the default pages. The CSP forbids inline styles, so the host serves this text at
 * `/ui/sigil.css`; pages link it with `?v=<hash>` so it can be cached for a long time.
 */
import { createHash } from 'node:crypto';
import type { Branding } from './branding.js';
import { contrastRatio, readableOn } from './color.js';

/** Colours of one colour scheme. Every text/background pair passes WCAG AA (4.5:1). */
export interface Palette {
  readonly bg: string;
  readonly onBg: string;
  readonly card: string;
  readonly text: string;
  readonly muted: string;
  /** Input and checkbox borders: at least 3:1 against the card (WCAG 1.4.11). */
  readonly border: string;
  readonly primary: string;
  readonly onPrimary: string;
  readonly link: string;
  readonly dangerText: string;
  readonly dangerBg: string;
  readonly emphasisBg: string;
  readonly emphasisBorder: string;
}

/** The default light palette. */
export const LIGHT_PALETTE: Palette = Object.freeze({
  bg: '#f3f5f9',
  onBg: '#505868',
  card: '#ffffff',
  text: '#1a1f2b',
  muted: '#505868',
  border: '#8a93a3',
  primary: '#1d4ed8',
  onPrimary: '#ffffff',
  link: '#1d4ed8',
  dangerText: '#a3231b',
  dangerBg: '#fdecea',
  emphasisBg: '#fff7e0',
  emphasisBorder: '#b7791f',
});

/** The default dark palette, used under `prefers-color-scheme: dark`. */
export const DARK_PALETTE: Palette = Object.freeze({
  bg: '#0e1116',
  onBg: '#a9b1c0',
  card: '#181c24',
  text: '#e7eaf0',
  muted: '#a9b1c0',
  border: '#6b7485',
  primary: '#8ab0ff',
  onPrimary: '#0b1220',
  link: '#8ab0ff',
  dangerText: '#ffb4ab',
  dangerBg: '#3a1613',
  emphasisBg: '#2e2610',
  emphasisBorder: '#d6a341',
});

/** The palette after applying custom brand colours; links keep the default when the brand colour is unreadable. */
export function brandPalette(base: Palette, branding: Pick<Branding, 'primaryColor' | 'backgroundColor'>): Palette {
  const p = { ...base };
  if (branding.primaryColor) {
    p.primary = branding.primaryColor;
    p.onPrimary = readableOn(branding.primaryColor);
    if (contrastRatio(branding.primaryColor, base.card) >= 4.5) p.link = branding.primaryColor;
  }
  if (branding.backgroundColor) {
    p.bg = branding.backgroundColor;
    p.onBg = readableOn(branding.backgroundColor, '#e7eaf0', '#3d4452');
  }
  return p;
}

function vars(p: Palette): string {
  return Object.entries(p)
    .map(([k, v]) => `  --sigil-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${v};`)
    .join('\n');
}

/**
 * The CSS of the default pages with the brand colours as CSS variables (`--sigil-primary`, `--sigil-bg`, ...).
 * Colours were validated by `resolveBranding`, and are checked again here, so nothing but a hex colour reaches the CSS.
 *
 * @example
 * ```ts
 * const css = renderStylesheet(resolveBranding({ primaryColor: '#0a7d4f' }));
 * ```
 */
export function renderStylesheet(branding: Pick<Branding, 'primaryColor' | 'backgroundColor'>): string {
  const safe = {
    primaryColor: hexOrUndefined(branding.primaryColor),
    backgroundColor: hexOrUndefined(branding.backgroundColor),
  };
  return `:root {
  color-scheme: light dark;
${vars(brandPalette(LIGHT_PALETTE, safe))}
}
@media (prefers-color-scheme: dark) {
  :root {
${vars(brandPalette(DARK_PALETTE, safe)).replace(/^/gm, '  ')}
  }
}
${BASE_CSS}`;
}

function hexOrUndefined(value: string | undefined): string | undefined {
  return value && /^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.test(value) ? value : undefined;
}

/** A short content hash of the stylesheet (base64url SHA-256, 16 characters) for `?v=` cache busting. */
export function stylesheetHash(css: string): string {
  return createHash('sha256').update(css).digest('base64url').slice(0, 16);
}

/** A strong `ETag` header value for the stylesheet. */
export function stylesheetEtag(css: string): string {
  return `"${stylesheetHash(css)}"`;
}

const BASE_CSS = `*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  min-height: 100vh;
  background: var(--sigil-bg);
  color: var(--sigil-text);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", Arial, sans-serif;
  font-size: 1rem;
  line-height: 1.5;
}
.page {
  min-height: 100vh;
  display: flex;
  flex-direction: column;
  align-items: center;
  justify-content: center;
  gap: 1.25rem;
  padding: 2rem 1rem;
}
.card {
  width: 100%;
  max-width: 28rem;
  background: var(--sigil-card);
  border-radius: 1rem;
  padding: 2.25rem 2rem 2rem;
  box-shadow: 0 1px 2px rgb(16 24 40 / 0.06), 0 12px 32px -8px rgb(16 24 40 / 0.18);
}
.card--wide { max-width: 34rem; }
@media (prefers-color-scheme: dark) {
  .card { box-shadow: 0 12px 32px -8px rgb(0 0 0 / 0.6); outline: 1px solid rgb(255 255 255 / 0.08); }
}
.brand { display: flex; align-items: center; gap: 0.625rem; margin: 0 0 1.5rem; }
.brand__logo { display: block; max-height: 2.5rem; max-width: 12rem; width: auto; height: auto; }
.brand__name { font-size: 1.0625rem; font-weight: 650; letter-spacing: -0.01em; }
h1 { font-size: 1.5rem; line-height: 1.25; font-weight: 700; letter-spacing: -0.02em; margin: 0 0 0.375rem; }
h2 { font-size: 1rem; font-weight: 650; margin: 1.5rem 0 0.5rem; }
p { margin: 0 0 1rem; }
.lead { color: var(--sigil-muted); margin: 0 0 1.5rem; }
.lead strong { color: var(--sigil-text); font-weight: 600; }
.muted { color: var(--sigil-muted); font-size: 0.875rem; }
a { color: var(--sigil-link); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--sigil-link); outline-offset: 2px; border-radius: 0.25rem; }
.alert {
  display: flex;
  gap: 0.5rem;
  background: var(--sigil-danger-bg);
  color: var(--sigil-danger-text);
  border-left: 4px solid var(--sigil-danger-text);
  border-radius: 0.5rem;
  padding: 0.75rem 1rem;
  margin: 0 0 1.25rem;
  font-size: 0.9375rem;
}
form { margin: 0; }
.field { margin: 0 0 1rem; }
.field label { display: block; font-weight: 600; font-size: 0.9375rem; margin: 0 0 0.375rem; }
.input {
  display: block;
  width: 100%;
  min-height: 2.75rem;
  padding: 0.5rem 0.75rem;
  font: inherit;
  color: var(--sigil-text);
  background: var(--sigil-card);
  border: 1px solid var(--sigil-border);
  border-radius: 0.5rem;
}
.input:focus-visible { outline: 3px solid var(--sigil-link); outline-offset: 1px; border-color: var(--sigil-link); }
.input[aria-invalid="true"] { border-color: var(--sigil-danger-text); }
.input--code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 1.25rem; letter-spacing: 0.12em; text-transform: uppercase; text-align: center; }
.check { display: flex; align-items: flex-start; gap: 0.625rem; margin: 0 0 1rem; }
.check input { flex: none; width: 1.125rem; height: 1.125rem; margin: 0.1875rem 0 0; accent-color: var(--sigil-primary); }
.check label { cursor: pointer; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 1.5rem 0 0; }
.actions .btn { flex: 1 1 8rem; }
.btn {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  min-height: 2.75rem;
  padding: 0.5rem 1.25rem;
  font: inherit;
  font-weight: 600;
  text-decoration: none;
  border-radius: 0.5rem;
  border: 1px solid transparent;
  cursor: pointer;
}
.btn--primary { background: var(--sigil-primary); color: var(--sigil-on-primary); }
.btn--primary:hover { background: color-mix(in srgb, var(--sigil-primary) 88%, #000); }
.btn--secondary { background: transparent; color: var(--sigil-text); border-color: var(--sigil-border); }
.btn--secondary:hover { background: color-mix(in srgb, var(--sigil-text) 6%, transparent); }
.btn:focus-visible { outline: 3px solid var(--sigil-link); outline-offset: 2px; }
.scopes { border: 0; margin: 0; padding: 0; min-width: 0; }
.scopes legend { font-size: 1rem; font-weight: 650; padding: 0; margin: 1.25rem 0 0.5rem; }
.scopes + .scopes { margin-top: 1.25rem; }
.scope-list { list-style: none; margin: 0; padding: 0; border: 1px solid color-mix(in srgb, var(--sigil-border) 55%, transparent); border-radius: 0.75rem; }
.scope { padding: 0.75rem 1rem; }
.scope + .scope { border-top: 1px solid color-mix(in srgb, var(--sigil-border) 55%, transparent); }
.scope .check { margin: 0; }
.scope--emphasized { background: var(--sigil-emphasis-bg); box-shadow: inset 4px 0 0 var(--sigil-emphasis-border); }
.scope:first-child { border-top-left-radius: 0.75rem; border-top-right-radius: 0.75rem; }
.scope:last-child { border-bottom-left-radius: 0.75rem; border-bottom-right-radius: 0.75rem; }
.scope__name { font-weight: 600; }
.scope__tag { font-weight: 400; color: var(--sigil-muted); font-size: 0.875rem; }
.scope__desc { display: block; color: var(--sigil-muted); font-size: 0.875rem; }
.remember { margin: 1.25rem 0 0; }
.account { display: flex; flex-direction: column; gap: 0.75rem; padding: 1rem; margin: 0 0 1.25rem; border: 1px solid color-mix(in srgb, var(--sigil-border) 55%, transparent); border-radius: 0.75rem; }
.account p { margin: 0; }
.divider { display: flex; align-items: center; gap: 0.75rem; margin: 0 0 1.25rem; color: var(--sigil-muted); font-size: 0.875rem; }
.divider::before, .divider::after { content: ""; flex: 1; border-top: 1px solid color-mix(in srgb, var(--sigil-border) 55%, transparent); }
.secondary-links { margin: 1.5rem 0 0; text-align: center; font-size: 0.9375rem; }
.request-id { margin: 1.5rem 0 0; }
.request-id code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.error-code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.875rem; color: var(--sigil-muted); }
.footer { color: var(--sigil-on-bg); font-size: 0.8125rem; text-align: center; }
@media (max-width: 30rem) {
  .page { justify-content: flex-start; padding: 1rem 0.75rem; }
  .card { padding: 1.75rem 1.25rem 1.5rem; border-radius: 0.75rem; }
  h1 { font-size: 1.3125rem; }
}
@media (prefers-reduced-motion: no-preference) {
  .btn, .input { transition: background-color 120ms ease, border-color 120ms ease; }
}
@media (forced-colors: active) {
  .btn { border-color: ButtonText; }
  .scope--emphasized { border-left: 4px solid Highlight; }
}
`;
