import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { redirectUriMatches } from './redirect-uri.js';

// security.md §5 (a): for every registered URI and every single mutation, the matcher rejects,
// except a port change on a native client's loopback IP redirect (RFC 8252 §7.3).

interface Parts {
  readonly scheme: string;
  /** Host with optional port, or '' for a custom-scheme URI without authority. */
  readonly host: string;
  readonly port?: number;
  readonly path: string;
  readonly query?: string;
}

const compose = (p: Parts, port = p.port) =>
  `${p.scheme}${p.host ? `//${p.host}${port === undefined ? '' : `:${port}`}` : ''}${p.path}${p.query === undefined ? '' : `?${p.query}`}`;

const segment = fc.stringMatching(/^[a-z0-9_-]{1,8}$/);
const path = fc
  .tuple(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([segs, slash]) => `/${segs.join('/')}${slash ? '/' : ''}`);
const query = fc.option(fc.stringMatching(/^[a-z]{1,5}=[a-z0-9]{1,5}$/), { nil: undefined });
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });

const registered: fc.Arbitrary<Parts> = fc.oneof(
  fc.record({
    scheme: fc.constant('https:'),
    host: fc.constantFrom('app.example', 'client.test', 'sso.acme-corp.io'),
    port,
    path,
    query,
  }),
  fc.record({
    scheme: fc.constant('http:'),
    host: fc.constantFrom('127.0.0.1', '[::1]', 'localhost'),
    port,
    path,
    query,
  }),
  fc.record({ scheme: fc.constant('com.example.app:'), host: fc.constant(''), path, query }),
);

type Mutation = { kind: string; apply: (p: Parts, uri: string) => string | undefined };

const letterIndexes = (s: string) => [...s].flatMap((c, i) => (/[a-zA-Z]/.test(c) ? [i] : []));

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n) => ({
    kind: 'case',
    apply: (_p: Parts, uri: string) => {
      const idx = letterIndexes(uri);
      if (idx.length === 0) return undefined;
      const i = idx[n % idx.length]!;
      const c = uri[i]!;
      return uri.slice(0, i) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + uri.slice(i + 1);
    },
  })),
  fc.constant({
    kind: 'trailing-slash',
    apply: (p: Parts) => compose({ ...p, path: p.path.endsWith('/') ? p.path.slice(0, -1) : `${p.path}/` }),
  }),
  fc.stringMatching(/^[a-z]{1,4}=[a-z0-9]{0,4}$/).map((q) => ({
    kind: 'query',
    apply: (_p: Parts, uri: string) => `${uri}${uri.includes('?') ? '&' : '?'}${q}`,
  })),
  fc
    .stringMatching(/^[a-z0-9=&]{0,6}$/)
    .map((f) => ({ kind: 'fragment', apply: (_p: Parts, uri: string) => `${uri}#${f}` })),
  fc.constantFrom('user@', 'user:pw@', 'a@b@').map((u) => ({
    kind: 'userinfo',
    apply: (p: Parts) => (p.host ? compose({ ...p, host: `${u}${p.host}` }) : undefined),
  })),
  fc.constantFrom('@evil.example', '@127.0.0.1').map((suffix) => ({
    kind: 'userinfo-suffix',
    apply: (p: Parts) => (p.host ? compose({ ...p, host: `${p.host}${suffix}` }) : undefined),
  })),
  fc.constantFrom('/..', '/../x', '/%2e%2e', '/%2E%2E/x', '/.', '/..;', '/%2f..').map((t) => ({
    kind: 'traversal',
    apply: (p: Parts) => compose({ ...p, path: `${p.path.replace(/\/$/, '')}${t}` }),
  })),
  fc.integer({ min: 1, max: 65535 }).map((n) => ({
    kind: 'port',
    apply: (p: Parts) => (p.host && n !== p.port ? compose(p, n) : undefined),
  })),
  fc.nat().map((n) => ({
    kind: 'percent-encoding',
    apply: (p: Parts) => {
      const idx = letterIndexes(p.path);
      if (idx.length === 0) return undefined;
      const i = idx[n % idx.length]!;
      const hex = p.path.charCodeAt(i).toString(16).toUpperCase();
      return compose({ ...p, path: `${p.path.slice(0, i)}%${hex}${p.path.slice(i + 1)}` });
    },
  })),
  fc.constantFrom(['a', '\u0430'], ['e', '\u0435'], ['o', '\u03bf'], ['1', '\u0661']).map(([from, to]) => ({
    kind: 'idn',
    apply: (p: Parts) => (p.host.includes(from!) ? compose({ ...p, host: p.host.replace(from!, to!) }) : undefined),
  })),
  fc.constant({
    kind: 'scheme',
    apply: (p: Parts) =>
      p.scheme === 'https:' ? compose({ ...p, scheme: 'http:' }) : compose({ ...p, scheme: 'https:' }),
  }),
);

const isLoopbackIp = (p: Parts) => p.scheme === 'http:' && (p.host === '127.0.0.1' || p.host === '[::1]');

describe('redirect URI matching under single mutations', () => {
  it('rejects every single mutation of a registered URI for a web client', () => {
    fc.assert(
      fc.property(registered, mutation, (p, m) => {
        const uri = compose(p);
        const mutated = m.apply(p, uri);
        fc.pre(mutated !== undefined && mutated !== uri);
        assert.equal(redirectUriMatches(uri, mutated!, false), false, `${m.kind}: ${mutated}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects every single mutation for a native client except a port change on a loopback IP', () => {
    fc.assert(
      fc.property(registered, mutation, (p, m) => {
        const uri = compose(p);
        const mutated = m.apply(p, uri);
        fc.pre(mutated !== undefined && mutated !== uri);
        const expected = m.kind === 'port' && isLoopbackIp(p);
        assert.equal(redirectUriMatches(uri, mutated!, true), expected, `${m.kind}: ${uri} -> ${mutated}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('always accepts the registered URI itself', () => {
    fc.assert(
      fc.property(registered, fc.boolean(), (p, nativeClient) => {
        const uri = compose(p);
        assert.equal(redirectUriMatches(uri, uri, nativeClient), true);
      }),
    );
  });
});
