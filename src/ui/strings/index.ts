/**
 * Locale selection for the default pages.
 */
import { en } from './en.js';
import type { UiStrings } from './types.js';

export { en } from './en.js';
export type { UiStrings } from './types.js';

/** The built-in locales, keyed by lower-case BCP 47 tag. Add a file per locale and list it here. */
export const BUILT_IN_LOCALES: Readonly<Record<string, UiStrings>> = Object.freeze({ en });

/**
 * Picks the strings for the first supported tag of an OpenID Connect `ui_locales` value (space-separated
 * BCP 47 tags, most preferred first). `de-CH` falls back to `de`; without a match the result is English.
 *
 * @param uiLocales - the `ui_locales` parameter, or an `Accept-Language`-like list of tags separated by spaces.
 * @param locales - the catalogue to choose from; defaults to {@link BUILT_IN_LOCALES}.
 *
 * @example
 * ```ts
 * getStrings('fr-CA en').locale; // 'en' until a French catalogue is added
 * ```
 */
export function getStrings(
  uiLocales?: string,
  locales: Readonly<Record<string, UiStrings>> = BUILT_IN_LOCALES,
): UiStrings {
  for (const tag of (uiLocales ?? '').toLowerCase().split(/\s+/)) {
    if (!tag) continue;
    const exact = Object.hasOwn(locales, tag) ? locales[tag] : undefined;
    if (exact) return exact;
    const base = tag.split('-')[0]!;
    if (Object.hasOwn(locales, base)) return locales[base]!;
  }
  return (Object.hasOwn(locales, 'en') ? locales['en'] : undefined) ?? en;
}
