/**
 * Strict hex colours and WCAG 2.x contrast, so custom brand colours can neither inject CSS nor
 * produce unreadable buttons.
 */

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;

/** True for `#rgb`, `#rgba`, `#rrggbb` and `#rrggbbaa`; nothing else reaches the stylesheet. */
export function isHexColor(value: unknown): value is string {
  return typeof value === 'string' && HEX_COLOR.test(value);
}

/** Red, green and blue of a hex colour as 0–255 integers; alpha is ignored. */
export function hexToRgb(color: string): [number, number, number] {
  if (!isHexColor(color)) throw new TypeError(`"${color}" is not a hex colour`);
  let hex = color.slice(1);
  if (hex.length <= 4) hex = [...hex].map((c) => c + c).join('');
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2.x relative luminance of a hex colour, 0 (black) to 1 (white). */
export function relativeLuminance(color: string): number {
  const [r, g, b] = hexToRgb(color).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.x contrast ratio between two hex colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Whichever of `light` and `dark` reads better on `background`. */
export function readableOn(background: string, light = '#ffffff', dark = '#111318'): string {
  return contrastRatio(background, light) >= contrastRatio(background, dark) ? light : dark;
}
