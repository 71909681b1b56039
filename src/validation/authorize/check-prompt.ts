/**
 * `check-prompt`: known values only; `none` stands alone; `create` only when self sign-up is
 * configured (`ui.createAccountUrl`).
 */
import { InvalidRequest } from '../../errors/oauth-error.js';
import type { AuthorizeDraft, PromptValue } from './types.js';

const PROMPTS: ReadonlySet<string> = new Set<PromptValue>(['none', 'login', 'consent', 'select_account', 'create']);

/** Read and check `prompt`. */
// OpenID Connect Core §3.1.2.1; Initiating User Registration via OpenID Connect 1.0 §4
export function checkPrompt(d: AuthorizeDraft): void {
  const raw = d.params.get('prompt', 100);
  const values = new Set<PromptValue>();
  d.prompt = values;
  if (raw === undefined) return;
  for (const v of raw.split(' ')) {
    if (!PROMPTS.has(v)) throw new InvalidRequest('"prompt" holds an unsupported value');
    values.add(v as PromptValue);
  }
  if (values.has('create') && !d.ctx.options.ui.createAccountUrl)
    throw new InvalidRequest('"prompt" create is not supported: self sign-up is not configured');
  if (values.has('none') && values.size > 1)
    throw new InvalidRequest('"prompt" none must not be combined with other values');
  if (values.has('create') && values.has('select_account'))
    throw new InvalidRequest('"prompt" create must not be combined with select_account');
}
