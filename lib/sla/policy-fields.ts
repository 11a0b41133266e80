// The policy form is drawn from the policy's zod schema, not written field by field: a field
// added to lib/sla/policy.ts appears in the console by itself (with a label from
// messages/*/slaForm.json "fields", keyed by its path without array indices).
import type { z } from 'zod';
import { slaPolicySchema } from './policy';

export type FieldNode = FieldShape & {
  /** The schema's own default, used to start a new item. */
  default?: unknown;
};
type FieldShape =
  | { kind: 'object'; fields: { key: string; node: FieldNode }[]; nullable?: boolean }
  | { kind: 'array'; item: FieldNode; min: number }
  | { kind: 'record'; value: FieldNode }
  | { kind: 'union'; discriminator: string; options: { value: string; node: FieldNode }[]; nullable?: boolean }
  | { kind: 'number'; nullable?: boolean; min?: number; max?: number; integer: boolean; weekday: boolean }
  | { kind: 'string'; nullable?: boolean; pattern?: string }
  | { kind: 'boolean' }
  | { kind: 'enum'; options: string[] }
  | { kind: 'literal'; value: string };

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** A serialisable description of the schema's fields, for the client-side editor. */
export function describeSchema(schema: unknown): FieldNode {
  const def = defOf(schema);
  switch (def.type) {
    case 'default':
      return { ...describeSchema(def.innerType), default: def.defaultValue };
    case 'optional':
    case 'pipe':
      return describeSchema(def.innerType ?? def.in);
    case 'nullable':
      return { ...describeSchema(def.innerType), nullable: true } as FieldNode;
    case 'object':
      return {
        kind: 'object',
        fields: Object.entries(def.shape as Record<string, unknown>).map(([key, node]) => ({ key, node: describeSchema(node) })),
      };
    case 'array': {
      const min = (def.checks as { _zod: { def: Def } }[] | undefined)?.find((c) => c._zod.def.check === 'min_length')?._zod.def
        .minimum;
      return { kind: 'array', item: describeSchema(def.element), min: Number(min ?? 0) };
    }
    case 'record':
      return { kind: 'record', value: describeSchema(def.valueType) };
    case 'union': {
      const discriminator = String(def.discriminator ?? 'kind');
      const options = (def.options as unknown[]).map((option) => {
        const node = describeSchema(option);
        const tag = node.kind === 'object' ? node.fields.find((f) => f.key === discriminator)?.node : undefined;
        return { value: tag?.kind === 'literal' ? tag.value : '', node };
      });
      return { kind: 'union', discriminator, options };
    }
    case 'number': {
      const n = schema as { minValue: number | null; maxValue: number | null; isInt: boolean };
      const min = n.minValue ?? undefined;
      const max = n.maxValue ?? undefined;
      return { kind: 'number', min, max, integer: n.isInt, weekday: n.isInt && min === 0 && max === 6 };
    }
    case 'string': {
      const regex = (def.checks as { _zod: { def: Def } }[] | undefined)?.find((c) => c._zod.def.format === 'regex')?._zod.def
        .pattern;
      return { kind: 'string', pattern: regex instanceof RegExp ? regex.source : undefined };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'enum', options: Object.values(def.entries as Record<string, string>) };
    case 'literal':
      return { kind: 'literal', value: String((def.values as unknown[])[0]) };
    default:
      return { kind: 'string' };
  }
}

export const POLICY_FIELDS: FieldNode = describeSchema(slaPolicySchema as z.ZodType);

/** A fresh value for a new list item or a newly chosen union option. */
export function emptyValue(node: FieldNode): unknown {
  if (node.default !== undefined) return structuredClone(node.default);
  switch (node.kind) {
    case 'object':
      return Object.fromEntries(node.fields.map((f) => [f.key, emptyValue(f.node)]));
    case 'array':
      return [];
    case 'record':
      return {};
    case 'union':
      return node.nullable ? null : emptyValue(node.options[0].node);
    case 'number':
      return node.nullable ? null : (node.min ?? 0);
    case 'string':
      return '';
    case 'boolean':
      return false;
    case 'enum':
      return node.options[0];
    case 'literal':
      return node.value;
  }
}

/** "functionGroups.0.label.ja" → "functionGroups.label.ja": the catalogue key of a field. */
export function labelKeyOf(path: string): string {
  return path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.');
}

/** Every label key the form can ask for (a test checks both catalogues have them all). */
export function labelKeys(node: FieldNode = POLICY_FIELDS, prefix = ''): string[] {
  const join = (key: string) => (prefix ? `${prefix}.${key}` : key);
  switch (node.kind) {
    case 'object':
      return node.fields.flatMap((f) => (f.node.kind === 'literal' ? [] : [join(f.key), ...labelKeys(f.node, join(f.key))]));
    case 'array':
      return labelKeys(node.item, prefix);
    case 'union':
      return [`${prefix}.${node.discriminator}`, ...node.options.flatMap((o) => labelKeys(o.node, prefix))];
    default:
      return [];
  }
}
