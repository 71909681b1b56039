import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { options, problems, svc } from './problems.case.js';
import { redirectUriProblem } from './validate-redirect-uri.js';

// RFC 6749 §3.1.2, RFC 9700 §2.1/§4.1, RFC 8252 §7.3; Keycloak CVE-2026-9086 (scheme case).
const web = (uri: string) => redirectUriProblem(uri, 'web');
const native = (uri: string) => redirectUriProblem(uri, 'native');

describe('redirect URIs at configuration time', () => {
  it('accepts https URIs and http on loopback hosts', () => {
    for (const uri of [
      'https://app.test/cb',
      'https://app.test/cb?x=1',
      'http://localhost:8080/cb',
      'http://127.0.0.1/cb',
      'http://[::1]/cb',
    ]) {
      assert.equal(web(uri), undefined, uri);
    }
  });

  it('accepts a custom scheme only for native clients', () => {
    assert.equal(native('com.example.app:/oauth2redirect'), undefined);
    assert.match(web('com.example.app:/oauth2redirect') ?? '', /only for native clients/);
  });

  for (const uri of [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'DATA:text/html,x',
    'vbscript:msgbox(1)',
    'VBScript:msgbox(1)',
    'file:///etc/passwd',
    'blob:https://app.test/x',
    'view-source:https://app.test',
    'about:blank',
    'mailto:a@b.test',
    'tel:123',
    'wss://app.test/cb',
  ]) {
    it(`refuses ${JSON.stringify(uri)} for web and native clients`, () => {
      assert.match(web(uri) ?? '', /forbidden scheme/);
      assert.match(native(uri) ?? '', /forbidden scheme/);
    });
  }

  // The WHATWG URL parser drops tabs, newlines and leading control characters, so these all
  // parse as javascript: URLs.
  for (const uri of ['java\tscript:alert(1)', 'javascript\n:alert(1)', '\u0001javascript:alert(1)', 'jav\rascript:x']) {
    it(`refuses ${JSON.stringify(uri)}, which a browser reads as javascript:, even for native clients`, () => {
      assert.match(native(uri) ?? '', /forbidden scheme "javascript:"/);
      assert.match(web(uri) ?? '', /forbidden scheme "javascript:"/);
    });
  }

  it('refuses white space or control characters inside a URI', () => {
    assert.match(web('https://app.test/c b') ?? '', /white space or control characters/);
    assert.match(web('https://app.test/c\tb') ?? '', /white space or control characters/);
    assert.match(native('com.example.app:/c\u0000b') ?? '', /white space or control characters/);
  });

  it('refuses fragments, even an empty one', () => {
    assert.match(web('https://app.test/cb#x') ?? '', /fragment/);
    assert.match(web('https://app.test/cb#') ?? '', /fragment/);
  });

  it('refuses plain http on other hosts, including look-alikes of localhost', () => {
    assert.match(web('http://app.test/cb') ?? '', /must use https/);
    assert.match(web('http://localhost.evil.test/cb') ?? '', /must use https/);
  });

  it('refuses user information, relative URIs and surrounding white space', () => {
    assert.match(web('https://user:pw@app.test/cb') ?? '', /user information/);
    assert.match(web('/cb') ?? '', /not an absolute URI/);
    assert.match(web('https://app.test/cb ') ?? '', /white space/);
  });

  it('reports a forbidden redirect URI as one message naming the client and index', () => {
    const client = svc({
      allowedGrantTypes: ['authorization_code'],
      redirectUris: ['https://app.test/cb', 'JavaScript:alert(1)'],
    });
    assert.deepEqual(problems(options({ clients: [client] })), [
      'client "svc": redirectUris[1] uses the forbidden scheme "javascript:"',
    ]);
  });

  it('checks post-logout and front-channel logout URIs too', () => {
    const client = svc({
      allowedGrantTypes: ['authorization_code'],
      redirectUris: ['https://app.test/cb'],
      postLogoutRedirectUris: ['data:text/html,x'],
      frontChannelLogoutUri: 'https://app.test/logout#frag',
    });
    assert.deepEqual(problems(options({ clients: [client] })), [
      'client "svc": postLogoutRedirectUris[0] uses the forbidden scheme "data:"',
      'client "svc": frontChannelLogoutUri must not contain a fragment (RFC 6749 §3.1.2)',
    ]);
  });
});

describe('redirect URIs that carry response parameters', () => {
  it('refuses a registered query holding code, state, iss or error (parameter pollution)', () => {
    for (const name of ['code', 'state', 'iss', 'error']) {
      assert.match(
        redirectUriProblem(`https://app.example/cb?${name}=x`, 'web') ?? '',
        new RegExp(`response parameter "${name}"`),
      );
    }
    assert.equal(redirectUriProblem('https://app.example/cb?tenant=a', 'web'), undefined);
  });
});
