import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateOptions } from '../../config/validate-options.js';
import { isRegisteredRedirectUri, redirectUriMatches } from './redirect-uri.js';

// RFC 6749 §3.1.2.3, RFC 9700 §4.1.3, RFC 8252 §7.3; security.md A03–A12.
const exact = (registered: string, requested: string) => redirectUriMatches(registered, requested, false);
const native = (registered: string, requested: string) => redirectUriMatches(registered, requested, true);

describe('redirect URI matching', () => {
  it('accepts the registered URI character for character', () => {
    assert.equal(exact('https://app.test/cb', 'https://app.test/cb'), true);
    assert.equal(exact('https://app.test/cb?tenant=a', 'https://app.test/cb?tenant=a'), true);
  });

  it('rejects every variant a lenient matcher would accept', () => {
    const registered = 'https://app.test/cb';
    for (const requested of [
      'https://APP.test/cb',
      'HTTPS://app.test/cb',
      'https://app.test/CB',
      'https://app.test/cb/',
      'https://app.test/cb?x=1',
      'https://app.test/cb#x',
      'https://app.test/cb#',
      'https://app.test:443/cb',
      'https://user@app.test/cb',
      'https://app.test@evil.test/cb',
      'https://app.test/cb/../cb',
      'https://app.test/cb/%2e%2e/cb',
      'https://app.test/%63b',
      'https://app.test/cb;x',
      'https://app.test.evil.test/cb',
      'https://app.test/cbx',
      ' https://app.test/cb',
      'https://app.test/cb ',
      '',
    ]) {
      assert.equal(exact(registered, requested), false, requested);
    }
  });

  it('lets a native client use any port on a loopback IP literal', () => {
    assert.equal(native('http://127.0.0.1/cb', 'http://127.0.0.1:51234/cb'), true);
    assert.equal(native('http://127.0.0.1:8080/cb', 'http://127.0.0.1:9/cb'), true);
    assert.equal(native('http://[::1]/cb', 'http://[::1]:51234/cb'), true);
    assert.equal(native('http://127.0.0.1/cb?x=1', 'http://127.0.0.1:5000/cb?x=1'), true);
  });

  it('keeps every other part of a loopback redirect exact', () => {
    for (const requested of [
      'http://127.0.0.1:5000/cb/',
      'http://127.0.0.1:5000/cb?x=1',
      'http://127.0.0.1:5000/cb#x',
      'http://127.0.0.1:5000/CB',
      'http://127.0.0.1:0/cb',
      'http://127.0.0.1:65536/cb',
      'http://127.0.0.1:05000/cb',
      'http://127.0.0.1:5000@evil.test/cb',
      'http://127.0.0.1.evil.test:5000/cb',
      'http://[::1]:5000/cb',
      'https://127.0.0.1:5000/cb',
      'HTTP://127.0.0.1:5000/cb',
    ]) {
      assert.equal(native('http://127.0.0.1/cb', requested), false, requested);
    }
  });

  it('never lets localhost change port, even for a native client (RFC 8252 §8.3)', () => {
    assert.equal(native('http://localhost/cb', 'http://localhost:5000/cb'), false);
    assert.equal(native('http://localhost:3000/cb', 'http://localhost:3001/cb'), false);
    assert.equal(native('http://localhost:3000/cb', 'http://localhost.evil.test:3000/cb'), false);
    assert.equal(native('http://localhost:3000/cb', 'http://localhost:3000/cb'), true);
  });

  it('does not give a web client the loopback port exception', () => {
    const { clients } = validateOptions({
      issuer: 'https://op.test',
      identityResources: ['openid'],
      clients: [
        {
          clientId: 'web',
          requireClientSecret: false,
          allowedGrantTypes: ['authorization_code'],
          allowedScopes: ['openid'],
          redirectUris: ['http://127.0.0.1/cb', 'https://app.test/cb'],
        },
        {
          clientId: 'cli',
          applicationType: 'native',
          requireClientSecret: false,
          allowedGrantTypes: ['authorization_code'],
          allowedScopes: ['openid'],
          redirectUris: ['http://127.0.0.1/cb', 'com.example.app:/oauth'],
        },
      ],
    });
    assert.equal(isRegisteredRedirectUri(clients.get('web')!, 'http://127.0.0.1:5000/cb'), false);
    assert.equal(isRegisteredRedirectUri(clients.get('web')!, 'https://app.test/cb'), true);
    assert.equal(isRegisteredRedirectUri(clients.get('cli')!, 'http://127.0.0.1:5000/cb'), true);
    assert.equal(isRegisteredRedirectUri(clients.get('cli')!, 'com.example.app:/oauth'), true);
    assert.equal(isRegisteredRedirectUri(clients.get('cli')!, 'com.example.app:/OAuth'), false);
  });
});
