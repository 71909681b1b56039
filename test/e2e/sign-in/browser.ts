/**
 * A minimal browser for end-to-end tests: plain `fetch` with a cookie jar, redirects followed one
 * step at a time so each answer can be inspected, and the form fields of an HTML page.
 */
import assert from 'node:assert/strict';

/** One HTTP answer, body read. */
export interface Page {
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  readonly location?: string;
  readonly text: string;
}

/** A cookie jar with GET, POST and redirect following. */
export class Browser {
  readonly cookies = new Map<string, { value: string; attributes: string }>();

  constructor(readonly origin: string) {}

  /** The `Cookie` header value. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v.value}`).join('; ');
  }

  async #send(url: string, init: RequestInit): Promise<Page> {
    const absolute = new URL(url, this.origin).toString();
    const headers = new Headers(init.headers);
    if (absolute.startsWith(this.origin) && this.cookies.size > 0) headers.set('cookie', this.cookieHeader());
    const res = await fetch(absolute, { ...init, headers, redirect: 'manual' });
    if (absolute.startsWith(this.origin)) {
      for (const c of res.headers.getSetCookie()) {
        const [pair, ...attrs] = c.split(';');
        const eq = pair!.indexOf('=');
        const name = pair!.slice(0, eq).trim();
        const value = pair!.slice(eq + 1).trim();
        if (value === '' || /max-age=0(;|$)/i.test(c)) this.cookies.delete(name);
        else this.cookies.set(name, { value, attributes: attrs.join(';').trim() });
      }
    }
    const location = res.headers.get('location') ?? undefined;
    return {
      url: absolute,
      status: res.status,
      headers: res.headers,
      location: location && new URL(location, absolute).toString(),
      text: await res.text(),
    };
  }

  get(url: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.#send(url, { method: 'GET', headers });
  }

  post(url: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Page> {
    const body = new URLSearchParams(
      Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])),
    ).toString();
    return this.#send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });
  }

  /** Follow same-origin redirects from `page`; stops at the first answer that is not a redirect to this origin. */
  async follow(page: Page, max = 10): Promise<Page> {
    let p = page;
    for (let i = 0; i < max && p.status >= 300 && p.status < 400 && p.location?.startsWith(this.origin); i++) {
      p = await this.get(p.location);
    }
    return p;
  }
}

/** The hidden and text inputs of the first form of `html` (or of the form containing `marker`). */
export function formFields(html: string, marker?: string): Record<string, string> {
  let scope = html;
  if (marker !== undefined) {
    const at = html.indexOf(marker);
    assert.ok(at >= 0, `no ${marker} in the page`);
    scope = html.slice(html.lastIndexOf('<form', at), html.indexOf('</form>', at));
  } else {
    scope = html.slice(html.indexOf('<form'), html.indexOf('</form>'));
  }
  const out: Record<string, string> = {};
  for (const m of scope.matchAll(/<input[^>]*>/g)) {
    const tag = m[0];
    const name = /name="([^"]*)"/.exec(tag)?.[1];
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
    const type = /type="([^"]*)"/.exec(tag)?.[1];
    if (!name || type === 'checkbox' || type === 'password') continue;
    out[name] = decodeEntities(value);
  }
  return out;
}

/** Undo the HTML escaping of attribute values. */
export function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
