import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateUi } from './validate-ui.js';

describe('ui options', () => {
  it('accepts root-relative paths and absolute http(s) URLs for the page URLs', () => {
    const errors: string[] = [];
    validateUi(
      { loginUrl: '/account/signin', errorUrl: 'https://app.example/error', logoUrl: '/logo.svg', productName: 'Acme' },
      errors,
    );
    validateUi({ logoUrl: 'data:image/png;base64,iVBORw0KGgo=' }, errors);
    assert.deepEqual(errors, []);
  });

  it('refuses protocol-relative, backslash, script and relative URLs, naming the field', () => {
    for (const [field, value] of [
      ['loginUrl', '//evil.example/login'],
      ['consentUrl', '/\\evil.example'],
      ['errorUrl', 'javascript:alert(1)'],
      ['logoutUrl', 'logout'],
      ['createAccountUrl', '/sign up'],
      ['logoUrl', 'data:text/html;base64,AAAA'],
    ]) {
      const errors: string[] = [];
      validateUi({ [field as string]: value }, errors);
      assert.equal(errors.length, 1, `${field}=${value}`);
      assert.match(errors[0]!, new RegExp(`^ui: ${field} `));
    }
  });

  it('refuses a ui that is not an object and non-string fields', () => {
    const errors: string[] = [];
    validateUi('x', errors);
    validateUi({ productName: 3 }, errors);
    assert.equal(errors.length, 2);
  });
});
