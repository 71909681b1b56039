/**
 * Escaping and URL checks for everything dynamic that reaches a page.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes `& < > " '` so that the value is safe as element text and inside a quoted attribute.
 *
 * @example
 * ```ts
 * escapeHtml('<b title="x">'); // '&lt;b title=&quot;x&quot;&gt;'
 * ```
 */
export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

// Browsers strip these before parsing a URL, so `java\tscript:` would otherwise pass.
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\\]/;

/**
 * Returns the URL when it is an absolute `http:` or `https:` URL, else `undefined`.
 * Use it for iframes and for links that leave the server.
 */
export function safeAbsoluteUrl(value: string | undefined): string | undefined {
  if (!value || CONTROL_OR_SPACE.test(value)) return undefined;
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return value;
}

/**
 * Returns the URL when it is an absolute `http(s)` URL or a root-relative path (`/account/create`),
 * else `undefined`. Protocol-relative (`//host`) and backslash forms are rejected.
 */
export function safeLinkUrl(value: string | undefined): string | undefined {
  if (!value || CONTROL_OR_SPACE.test(value)) return undefined;
  if (value.startsWith('/')) return value.startsWith('//') ? undefined : value;
  return safeAbsoluteUrl(value);
}

const DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * Returns the URL when it may be used as an `<img src>`: what {@link safeLinkUrl} accepts, plus
 * base64 `data:image/...` URLs (scripts never run inside `<img>`).
 */
export function safeImageUrl(value: string | undefined): string | undefined {
  if (value && DATA_IMAGE.test(value)) return value;
  return safeLinkUrl(value);
}

/** Replaces `{name}` placeholders in a message with plain values; unknown placeholders stay. */
export function formatText(message: string, values: Record<string, string | undefined> = {}): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? (values[name] ?? '') : whole,
  );
}

/**
 * Escapes a trusted message and replaces its `{name}` placeholders with HTML fragments, which must already be
 * safe (built from escaped values).
 *
 * @example
 * ```ts
 * formatHtml('Sign in to continue to {clientName}', { clientName: `<strong>${escapeHtml(name)}</strong>` });
 * ```
 */
export function formatHtml(message: string, fragments: Record<string, string>): string {
  return escapeHtml(message).replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(fragments, name) ? fragments[name]! : whole,
  );
}

/**
 * Replaces `{name}` placeholders in a trusted message with escaped values and escapes the message itself.
 *
 * @example
 * ```ts
 * formatMessage('Sign in to continue to {clientName}', { clientName: '<x>' });
 * // 'Sign in to continue to &lt;x&gt;'
 * ```
 */
export function formatMessage(message: string, values: Record<string, string | undefined> = {}): string {
  return formatHtml(message, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, escapeHtml(v)])));
}
