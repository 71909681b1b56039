/**
 * Branding from `options.ui`, validated: colours must be strict hex, the logo a safe image URL.
 * Anything invalid falls back to the default and is reported in `warnings`.
 */
import type { UiInput } from '../config/types.js';
import { isHexColor } from './color.js';
import { safeImageUrl } from './escape.js';

/** Validated branding used by the pages and the stylesheet. */
export interface Branding {
  /** Shown in the card header and the page title. Default `Sigil`. */
  readonly productName: string;
  /**
   * Logo shown above the heading instead of the product name. An `http(s)` URL, a root-relative path or a
   * base64 `data:image/...` URL. The default CSP has `img-src 'self' data:`, so use a same-origin path or a
   * `data:` URL unless the host widens `img-src`.
   */
  readonly logoUrl?: string;
  /** Custom primary colour (buttons, links, focus ring) or `undefined` for the default palette. */
  readonly primaryColor?: string;
  /** Custom page background colour or `undefined` for the default palette. */
  readonly backgroundColor?: string;
  /** Why an option was ignored, for the startup log. */
  readonly warnings: readonly string[];
}

/** The product name used when none is configured. */
export const DEFAULT_PRODUCT_NAME = 'Sigil';

/**
 * Validates the branding part of `options.ui`.
 *
 * @example
 * ```ts
 * resolveBranding({ productName: 'Acme ID', primaryColor: '#0a7' });
 * resolveBranding({ primaryColor: 'red;} body{display:none' }); // primaryColor: undefined, one warning
 * ```
 */
export function resolveBranding(
  input: Pick<UiInput, 'productName' | 'logoUrl' | 'primaryColor' | 'backgroundColor'> = {},
): Branding {
  const warnings: string[] = [];
  const productName = input.productName?.trim() || DEFAULT_PRODUCT_NAME;
  const logoUrl = safeImageUrl(input.logoUrl);
  if (input.logoUrl !== undefined && logoUrl === undefined) {
    warnings.push('"ui.logoUrl" must be an http(s) URL, a root-relative path or a base64 data:image URL; ignored');
  }
  const primaryColor = color(input.primaryColor, 'ui.primaryColor', warnings);
  const backgroundColor = color(input.backgroundColor, 'ui.backgroundColor', warnings);
  return Object.freeze({ productName, logoUrl, primaryColor, backgroundColor, warnings: Object.freeze(warnings) });
}

function color(value: string | undefined, name: string, warnings: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (isHexColor(value)) return value.toLowerCase();
  warnings.push(`"${name}" must be a hex colour such as #1d4ed8; the default is used`);
  return undefined;
}
