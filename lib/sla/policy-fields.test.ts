import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyValue, labelKeyOf, labelKeys, POLICY_FIELDS } from './policy-fields';
import { slaPolicySchema } from './policy';

const catalogue = (locale: string) =>
  JSON.parse(fs.readFileSync(`messages/${locale}/slaForm.json`, 'utf8')).fields as Record<string, string>;

describe('the policy form drawn from the schema', () => {
  it('has a label in both languages for every field the schema has', () => {
    const keys = [...new Set(labelKeys())];
    expect(keys).toEqual(
      expect.arrayContaining([
        'functionGroups.downtimeStatuses',
        'supportCalendar.closures.label.ja',
        'resolveTargets.minor.kind',
        'exclusions',
      ]),
    );
    for (const locale of ['ja', 'en']) expect(keys.filter((key) => !catalogue(locale)[key])).toEqual([]);
  });

  it('describes every top-level field, so a new one shows in the console by itself', () => {
    if (POLICY_FIELDS.kind !== 'object') throw new Error('policy is an object');
    expect(POLICY_FIELDS.fields.map((f) => f.key)).toEqual(Object.keys(slaPolicySchema.shape));
  });

  it('offers auto-completion of maintenance as a checkbox that starts off', () => {
    if (POLICY_FIELDS.kind !== 'object') throw new Error('policy is an object');
    const rules = POLICY_FIELDS.fields.find((f) => f.key === 'maintenance')!.node;
    if (rules.kind !== 'object') throw new Error('maintenance is an object');
    expect(rules.fields.find((f) => f.key === 'autoComplete')?.node).toEqual({ kind: 'boolean', default: false });
  });

  it('starts a new item in a shape the schema can name problems in, not crash on', () => {
    if (POLICY_FIELDS.kind !== 'object') throw new Error('policy is an object');
    const groups = POLICY_FIELDS.fields.find((f) => f.key === 'functionGroups')!.node;
    if (groups.kind !== 'array') throw new Error('functionGroups is a list');
    expect(emptyValue(groups.item)).toEqual({
      key: '',
      label: { ja: '', en: '' },
      targetPercent: null,
      downtimeStatuses: ['major_outage', 'partial_outage', 'under_maintenance'],
      partialOutageWeight: 1,
    });
    expect(labelKeyOf('functionGroups.12.label.ja')).toBe('functionGroups.label.ja');
  });
});
