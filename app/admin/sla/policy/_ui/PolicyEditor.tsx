'use client';
import { useState, type ReactNode } from 'react';
import { emptyValue, labelKeyOf, type FieldNode } from '@/lib/sla/policy-fields';
import { useFormOutcome } from '../../../_ui/forms';
import type { EditorTexts } from './editor-texts';

// Every field of a policy as form controls, drawn from the schema's description. The whole
// policy is posted as JSON and validated by the same schema; errors come back per path.

type Value = unknown;
type Change = (value: Value) => void;
/** Fields whose values are function group keys: chosen from the policy's own groups. */
const GROUP_REFS: Record<string, 'groups' | 'groupsOrService'> = {
  'creditTiers.appliesTo': 'groupsOrService',
  'maintenance.stoppingGroups': 'groups',
  'maintenance.maxDurationMinutes': 'groups',
};

const idOf = (path: string) => `pf-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
const asObject = (v: Value) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, Value>) : {});
const asArray = (v: Value) => (Array.isArray(v) ? v : []);
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

/** "functionGroups.0.targetPercent" → "Function groups 1 › Target", so an error names its field. */
function pathLabel(path: string, label: (path: string) => string): string {
  const parts = path.split('.');
  const names: string[] = [];
  parts.forEach((part, i) => {
    if (/^\d+$/.test(part)) names[names.length - 1] += ` ${Number(part) + 1}`;
    else names.push(label(parts.slice(0, i + 1).join('.')));
  });
  return names.join(' › ');
}

export function PolicyEditor(props: { fields: FieldNode; initial: Value; texts: EditorTexts }) {
  const [policy, setPolicy] = useState<Value>(props.initial);
  const errors = useFormOutcome().fieldErrors ?? {};
  const { texts } = props;
  const groupKeys = asArray(asObject(policy).functionGroups)
    .map((g) => String(asObject(g).key ?? ''))
    .filter(Boolean);
  const label = (path: string) => texts.fields[labelKeyOf(path)] ?? labelKeyOf(path).split('.').pop()!;
  const errorOf = (path: string) => errors[path];

  function frame(path: string, control: ReactNode, hint?: string) {
    const error = errorOf(path);
    const id = idOf(path);
    return (
      <div className={`field${error ? ' field-invalid' : ''}`} key={path}>
        <label htmlFor={id}>{label(path)}</label>
        {hint && <p className="field-hint">{hint}</p>}
        {control}
        {error && (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
    );
  }

  function checks(path: string, options: { value: string | number; label: string }[], value: Value, onChange: Change) {
    const selected = asArray(value);
    const error = errorOf(path);
    return (
      <fieldset className={`field checkbox-group${error ? ' field-invalid' : ''}`} key={path} id={idOf(path)}>
        <legend>{label(path)}</legend>
        {options.map((o) => (
          <div className="check-row" key={String(o.value)}>
            <input
              type="checkbox"
              id={`${idOf(path)}-${o.value}`}
              checked={selected.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...selected, o.value] : selected.filter((s) => s !== o.value))}
            />
            <label htmlFor={`${idOf(path)}-${o.value}`}>{o.label}</label>
          </div>
        ))}
        {error && <p className="field-error">{error}</p>}
      </fieldset>
    );
  }

  function select(path: string, options: { value: string; label: string }[], value: string, onChange: (v: string) => void) {
    return frame(
      path,
      <select
        id={idOf(path)}
        data-path={path}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errorOf(path) ? true : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>,
    );
  }

  function render(node: FieldNode, value: Value, path: string, onChange: Change): ReactNode {
    const ref = GROUP_REFS[labelKeyOf(path)];
    const groupOptions = groupKeys.map((k) => ({ value: k, label: k }));
    switch (node.kind) {
      case 'literal':
        return null;
      case 'boolean':
        return (
          <div className="field field-check" key={path}>
            <input type="checkbox" id={idOf(path)} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
            <label htmlFor={idOf(path)}>{label(path)}</label>
          </div>
        );
      case 'enum':
        return select(
          path,
          node.options.map((o) => ({ value: o, label: texts.options[o] ?? o })),
          String(value ?? ''),
          onChange,
        );
      case 'string':
        if (ref === 'groupsOrService')
          return select(path, [{ value: 'service', label: texts.wholeService }, ...groupOptions], String(value ?? ''), onChange);
        return frame(
          path,
          <input
            id={idOf(path)}
            data-path={path}
            type="text"
            value={String(value ?? '')}
            onChange={(e) => onChange(e.target.value)}
            aria-invalid={errorOf(path) ? true : undefined}
          />,
        );
      case 'number':
        if (node.weekday)
          return select(
            path,
            texts.weekdays.map((w, i) => ({ value: String(i), label: w })),
            String(value ?? 1),
            (v) => onChange(Number(v)),
          );
        return frame(
          path,
          <input
            id={idOf(path)}
            data-path={path}
            type="text"
            inputMode="decimal"
            value={value === null || value === undefined ? '' : String(value)}
            placeholder={node.nullable ? texts.emptyMeansNone : undefined}
            aria-describedby={errorOf(path) ? `${idOf(path)}-error` : undefined}
            aria-invalid={errorOf(path) ? true : undefined}
            onChange={(e) => {
              const raw = e.target.value.trim();
              // Empty is "none" where allowed, else null ("required"); unreadable text is kept so the server names it.
              onChange(raw === '' ? null : Number.isFinite(Number(raw)) ? Number(raw) : raw);
            }}
          />,
        );
      case 'record': {
        const entries = asObject(value);
        const keys = ref ? groupKeys : Object.keys(entries);
        return (
          <fieldset className="field" key={path} id={idOf(path)}>
            <legend>{label(path)}</legend>
            {keys.length === 0 && <p className="muted">{texts.noGroupsYet}</p>}
            {keys.map((key) =>
              render({ ...node.value, nullable: true } as FieldNode, entries[key] ?? null, `${path}.${key}`, (v) => {
                const next = { ...entries };
                if (v === null) delete next[key];
                else next[key] = v;
                onChange(next);
              }),
            )}
          </fieldset>
        );
      }
      case 'array': {
        const items = asArray(value);
        if (node.item.kind === 'enum')
          return checks(
            path,
            node.item.options.map((o) => ({ value: o, label: texts.options[o] ?? o })),
            value,
            onChange,
          );
        if (node.item.kind === 'number' && node.item.weekday)
          return checks(
            path,
            texts.weekdays.map((w, i) => ({ value: i, label: w })),
            value,
            onChange,
          );
        if (ref === 'groups') return checks(path, groupOptions, value, onChange);
        const error = errorOf(path);
        return (
          <fieldset className={`field policy-list${error ? ' field-invalid' : ''}`} key={path} id={idOf(path)}>
            <legend>{label(path)}</legend>
            {items.map((item, i) => (
              <div className="policy-item" key={i} role="group" aria-label={`${label(path)} ${i + 1}`}>
                <p className="policy-item-title">{`${label(path)} ${i + 1}`}</p>
                {render(node.item, item, `${path}.${i}`, (v) => onChange(items.map((old, j) => (j === i ? v : old))))}
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => onChange(items.filter((_, j) => j !== i))}
                  disabled={items.length <= node.min}
                >
                  {fill(texts.remove, { name: label(path), n: i + 1 })}
                </button>
              </div>
            ))}
            {error && <p className="field-error">{error}</p>}
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => onChange([...items, emptyValue(node.item)])}
            >
              {fill(texts.add, { name: label(path) })}
            </button>
          </fieldset>
        );
      }
      case 'union': {
        const current = value === null ? null : asObject(value);
        const tag = current ? String(current[node.discriminator] ?? '') : 'none';
        const option = node.options.find((o) => o.value === tag);
        const choices = [
          ...(node.nullable ? [{ value: 'none', label: texts.none }] : []),
          ...node.options.map((o) => ({ value: o.value, label: texts.options[o.value] ?? o.value })),
        ];
        return (
          <div className="policy-union" key={path}>
            {select(`${path}.${node.discriminator}`, choices, tag, (v) => {
              const next = node.options.find((o) => o.value === v);
              onChange(next ? emptyValue(next.node) : null);
            })}
            {option && current && render(option.node, current, path, onChange)}
          </div>
        );
      }
      case 'object': {
        const object = asObject(value);
        const inner = node.fields.map((f) =>
          render(f.node, object[f.key], path ? `${path}.${f.key}` : f.key, (v) => onChange({ ...object, [f.key]: v })),
        );
        const isLabel = node.fields.length === 2 && node.fields[0].key === 'ja' && node.fields[1].key === 'en';
        if (!path || /\.\d+$/.test(path) || node.fields.some((f) => f.node.kind === 'literal'))
          return (
            <div className="policy-object" key={path}>
              {inner}
            </div>
          );
        return (
          <fieldset className={isLabel ? 'field two-fields policy-label' : 'field'} key={path}>
            <legend>{label(path)}</legend>
            {inner}
          </fieldset>
        );
      }
    }
  }

  const problems = Object.entries(errors).filter(([path]) => path !== 'policyJson' && path !== '_form');
  return (
    <>
      {problems.length > 0 && (
        <div className="sla-json-problems" role="group" aria-label={texts.problems}>
          <h3>{texts.problems}</h3>
          <ul>
            {problems.map(([path, message]) => (
              <li key={path}>
                <a href={`#${idOf(path)}`}>{pathLabel(path, label)}</a>: {message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <input type="hidden" name="policyJson" value={JSON.stringify(policy)} />
      {render(props.fields, policy, '', setPolicy)}
    </>
  );
}
