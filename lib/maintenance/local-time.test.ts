import { describe, expect, it } from 'vitest';
import { instantToLocalInput, localInputToInstant } from './local-time';

describe('datetime-local in the page zone', () => {
  it('reads 22:00 in Tokyo as 13:00 UTC and writes it back', () => {
    const at = localInputToInstant('2026-12-04T22:00', 'Asia/Tokyo');
    expect(at?.toISOString()).toBe('2026-12-04T13:00:00.000Z');
    expect(instantToLocalInput(at!, 'Asia/Tokyo')).toBe('2026-12-04T22:00');
    expect(localInputToInstant('2026-12-04T22:00:00', 'UTC')?.toISOString()).toBe('2026-12-04T22:00:00.000Z');
  });

  it('refuses what is not a real local time', () => {
    for (const bad of ['', 'tomorrow', '2026-02-30T10:00', '2026-12-04 22:00', '2026-12-04T24:30']) {
      expect(localInputToInstant(bad, 'Asia/Tokyo')).toBeNull();
    }
  });
});
