/**
 * A client's free-form data: `claims` sent with its tokens and `properties` for extensions,
 * each checked for the shape the model promises.
 */
import type { ItemChecker } from './configuration-error.js';
import type { Client } from './model.js';

/** `properties`: an object of string values (Duende `Client.Properties`). */
export function readProperties(c: ItemChecker, raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  const ok = typeof raw === 'object' && !Array.isArray(raw) && Object.values(raw).every((v) => typeof v === 'string');
  if (!ok) c.fail('properties', 'must be an object of string values');
  return ok ? { ...(raw as Record<string, string>) } : {};
}

/** `claims`: an array of `{type, value}` or an object of claim names and values (Duende `ClientClaim`). */
export function readClientClaims(c: ItemChecker, raw: unknown): Client['claims'] {
  if (raw === undefined || raw === null) return [];
  if (Array.isArray(raw)) {
    return raw.flatMap((x, i) => {
      const v = x as { type?: unknown; value?: unknown };
      if (typeof v?.type !== 'string' || !['string', 'number', 'boolean'].includes(typeof v.value)) {
        c.fail(`claims[${i}]`, 'must be {type: string, value: string|number|boolean}');
        return [];
      }
      return [{ type: v.type, value: v.value as string | number | boolean }];
    });
  }
  if (typeof raw === 'object') {
    return Object.entries(raw as Record<string, unknown>).flatMap(([type, value]) => {
      if (!['string', 'number', 'boolean'].includes(typeof value)) {
        c.fail(`claims.${type}`, 'must be a string, number or boolean');
        return [];
      }
      return [{ type, value: value as string | number | boolean }];
    });
  }
  c.fail('claims', 'must be an array of {type, value} or an object');
  return [];
}
