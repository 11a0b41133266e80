// WCAG 2.x contrast. The brand colour fills buttons and the header stripe under white text, and
// colours links on white: both need 4.5:1 (AA for body text), and the ratio is symmetric.

export const AA_NORMAL_TEXT = 4.5;
export const BRAND_TEXT = '#ffffff';
const HEX = /^#[0-9a-f]{6}$/i;

export function isHexColor(value: string): boolean {
  return HEX.test(value);
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The ratio of white text on the colour, rounded down to two decimals as shown to the admin. */
export function brandTextContrast(hex: string): number {
  return Math.floor(contrastRatio(hex, BRAND_TEXT) * 100) / 100;
}
