import { describe, expect, it } from 'vitest';
import { unstorablePath } from './unstorable';

describe('unstorablePath', () => {
  it('names the first string PostgreSQL could not store', () => {
    expect(unstorablePath({ incident: { name: 'ok', body: 'a\u0000b' } })).toBe('incident.body');
    expect(unstorablePath({ alerts: [{ labels: { x: '\uD800' } }] })).toBe('alerts.0.labels.x');
    expect(unstorablePath({ 'k\u0000': 'v' })).toBe('k\u0000');
    expect(unstorablePath('\uDC00 alone')).toBe('_form');
  });

  it('names text XML cannot carry: C0 controls other than tab and newlines, U+FFFE, U+FFFF', () => {
    for (const bad of ['\u0001', '\u001B[31m', '\u000B', '\u000C', '\u001F', '\uFFFE', '\uFFFF']) {
      expect(unstorablePath({ incident: { name: `障害${bad}` } }), JSON.stringify(bad)).toBe('incident.name');
    }
    expect(unstorablePath({ body: 'a\tb\r\nc\n' })).toBeNull();
  });

  it('lets everything else through, emoji (surrogate pairs) included', () => {
    expect(unstorablePath({ a: ['障害 👨‍👩‍👧‍👦', 1, null, true], b: { c: '' } })).toBeNull();
  });
});
