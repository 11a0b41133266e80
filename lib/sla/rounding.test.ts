import { describe, expect, it } from 'vitest';
import { cutTo, roundReportNumbers } from './rounding';

describe('the report rounding rule', () => {
  it('cuts, never rounds up: 99.99996 % is not 100 %, 59.999 min is not 60', () => {
    expect(cutTo(99.99996, 4)).toBe(99.9999);
    expect(cutTo(59.999, 2)).toBe(59.99);
    expect(cutTo(99.3, 4)).toBe(99.3);
  });

  it('applies to every percent and minute field of the JSON export, and nothing else', () => {
    const json = JSON.parse(
      JSON.stringify(
        { uptimePercent: 99.305555, downtimeMinutes: 300.12345, headSeq: 12.5, reminderOffsetsMinutes: [10080] },
        roundReportNumbers,
      ),
    );
    expect(json).toEqual({ uptimePercent: 99.3055, downtimeMinutes: 300.12, headSeq: 12.5, reminderOffsetsMinutes: [10080] });
  });
});
