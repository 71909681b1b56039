/**
 * Parameters of a form body or query string, parsed once. Repeated parameters are rejected when
 * read with `get` (RFC 6749 §3.1, §3.2: "Request and response parameters MUST NOT be included
 * more than once"); `getAll` serves the few that may repeat (`resource`, RFC 8707 §2).
 */
import { InvalidRequest } from '../errors/oauth-error.js';

/** Parsed request parameters. */
export class Params {
  readonly #single = new Map<string, string>();
  readonly #multi = new Map<string, string[]>();

  /** Parse `application/x-www-form-urlencoded` text. */
  static parse(text: string): Params {
    const p = new Params();
    if (text.length === 0) return p;
    for (const [k, v] of new URLSearchParams(text)) p.#add(k, v);
    return p;
  }

  /** Build from an object (library callers, tests). */
  static from(record: Record<string, string | string[] | undefined>): Params {
    const p = new Params();
    for (const [k, v] of Object.entries(record)) {
      if (v === undefined) continue;
      for (const x of Array.isArray(v) ? v : [v]) p.#add(k, x);
    }
    return p;
  }

  #add(k: string, v: string): void {
    const multi = this.#multi.get(k);
    if (multi) {
      multi.push(v);
      return;
    }
    const first = this.#single.get(k);
    if (first === undefined) this.#single.set(k, v);
    else this.#multi.set(k, [first, v]);
  }

  /**
   * The single value of `name`, or undefined when absent or empty (RFC 6749 §3.1: "Parameters
   * sent without a value MUST be treated as if they were omitted"). Throws `invalid_request` when
   * the parameter is repeated or longer than `maxLength`.
   */
  get(name: string, maxLength = 4096): string | undefined {
    if (this.#multi.has(name)) throw new InvalidRequest(`"${name}" must not be repeated`);
    const v = this.#single.get(name);
    if (v === undefined || v === '') return undefined;
    if (v.length > maxLength) throw new InvalidRequest(`"${name}" is too long (at most ${maxLength} characters)`);
    return v;
  }

  /** Like {@link get} but throws `invalid_request` naming the parameter when it is missing. */
  require(name: string, maxLength = 4096): string {
    const v = this.get(name, maxLength);
    if (v === undefined) throw new InvalidRequest(`"${name}" is required`);
    return v;
  }

  /** Every non-empty value of a parameter that may repeat. */
  getAll(name: string, maxLength = 4096): string[] {
    const values = this.#multi.get(name) ?? (this.#single.has(name) ? [this.#single.get(name)!] : []);
    const out: string[] = [];
    for (const v of values) {
      if (v === '') continue;
      if (v.length > maxLength) throw new InvalidRequest(`"${name}" is too long (at most ${maxLength} characters)`);
      out.push(v);
    }
    return out;
  }

  /** True when the parameter occurs at all (even empty). */
  has(name: string): boolean {
    return this.#single.has(name) || this.#multi.has(name);
  }

  /** Every parameter name. */
  names(): string[] {
    return [...new Set([...this.#single.keys(), ...this.#multi.keys()])];
  }

  /** A copy holding only `names` (the token endpoint drops parameters a grant does not declare). */
  pick(names: readonly string[]): Params {
    const p = new Params();
    for (const n of names) {
      const m = this.#multi.get(n);
      if (m) p.#multi.set(n, m);
      else {
        const v = this.#single.get(n);
        if (v !== undefined) p.#single.set(n, v);
      }
    }
    return p;
  }

  /** A copy in which `name` has the single value `value` (replacing any it had). */
  with(name: string, value: string): Params {
    const p = this.pick(this.names().filter((n) => n !== name));
    p.#single.set(name, value);
    return p;
  }

  /** A plain object of single values (first value of repeated ones), for storing authorize requests. */
  toRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.#single) out[k] = v;
    for (const [k, v] of this.#multi) out[k] = v[0]!;
    return out;
  }
}

/** Duende `InputLengthRestrictions` defaults: our floor for parameter lengths. */
export const LIMITS = {
  clientId: 100,
  clientSecret: 100,
  grantType: 100,
  scope: 300,
  redirectUri: 400,
  nonce: 300,
  state: 2000,
  uiLocale: 100,
  loginHint: 100,
  acrValues: 300,
  code: 100,
  refreshToken: 100,
  deviceCode: 100,
  userCode: 100,
  tokenHandle: 100,
  resource: 512,
  idTokenHint: 4000,
  dpopProof: 4000,
  jwt: 51200,
  codeChallengeMin: 43,
  codeChallengeMax: 128,
  username: 100,
  password: 100,
  token: 51200,
} as const;
