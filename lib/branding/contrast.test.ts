import { describe, expect, it } from 'vitest';
import { brandTextContrast, contrastRatio, isHexColor } from './contrast';

describe('brand colour contrast', () => {
  it('matches the WCAG reference points', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // #767676 is the lightest grey that passes AA on white; #777777 fails.
    expect(brandTextContrast('#767676')).toBeGreaterThanOrEqual(4.5);
    expect(brandTextContrast('#777777')).toBeLessThan(4.5);
  });
  it('accepts only #rrggbb', () => {
    expect(isHexColor('#0a5CaE')).toBe(true);
    for (const bad of ['0550ae', '#055', 'red', '#0550ae;background:url(x)', '#0550aeff']) expect(isHexColor(bad)).toBe(false);
  });
});
