import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { echoValues, formValues } from './form-values';
import { checkbox, componentStatusSelects, fromForm, parseLocalDateTime, toLocalInput } from './fields';

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
};

describe('formValues', () => {
  it('builds arrays from name[] and objects from dotted names, skipping React fields', () => {
    const values = formValues(
      form([
        ['title', 'API'],
        ['ids[]', 'a'],
        ['ids[]', 'b'],
        ['components.c1', 'major_outage'],
        ['components.c2', ''],
        ['$ACTION_ID_abc', 'x'],
      ]),
    );
    expect(values).toEqual({ title: 'API', ids: ['a', 'b'], components: { c1: 'major_outage', c2: '' } });
  });

  it('cannot be used to pollute prototypes', () => {
    const values = formValues(
      form([
        ['__proto__.polluted', 'yes'],
        ['constructor.prototype.polluted', 'yes'],
        ['a..b', 'x'],
      ]),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(values).toEqual({});
  });

  it('never echoes passwords or tokens back into the page', () => {
    expect(
      echoValues(
        form([
          ['email', 'a@example.com'],
          ['password', 'secret'],
          ['token', 't'],
        ]),
      ),
    ).toEqual({ email: 'a@example.com' });
  });
});

describe('form fields', () => {
  it('reads datetime-local values in the form’s zone', () => {
    expect(parseLocalDateTime('2026-11-23T10:00', 'Asia/Tokyo').toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(Number.isNaN(parseLocalDateTime('tomorrow', 'Asia/Tokyo').getTime())).toBe(true);
    expect(toLocalInput(new Date('2026-11-23T01:00:00Z'), 'Asia/Tokyo')).toBe('2026-11-23T10:00');
  });

  it('turns blanks into "not given", checkboxes into booleans and zones from the hidden field', () => {
    const schema = fromForm(z.object({ name: z.string().optional(), notify: checkbox, at: z.date().optional() }), {
      localTimes: ['at'],
    });
    expect(schema.parse({ name: '', at: '2026-01-01T09:00', timeZone: 'UTC' })).toEqual({
      notify: false,
      at: new Date('2026-01-01T09:00:00Z'),
    });
    expect(schema.parse({ notify: 'on', timeZone: 'Not/AZone', at: '2026-01-01T09:00' })).toEqual({
      notify: true,
      at: new Date('2026-01-01T00:00:00Z'),
    });
  });

  it('component selects become a list without the "leave as is" choice', () => {
    expect(componentStatusSelects.parse({ a: 'major_outage', b: '' })).toEqual([{ componentId: 'a', status: 'major_outage' }]);
    expect(componentStatusSelects.safeParse({ a: 'on_fire' }).success).toBe(false);
  });
});
