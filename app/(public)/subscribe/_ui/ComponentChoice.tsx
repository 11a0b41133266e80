'use client';
import { useState } from 'react';
import { useFormOutcome } from '@/app/admin/_ui/forms';
import type { SubscribableGroup } from '@/lib/services/subscribers/subscribable-components';

export type ChoiceLabels = { legend: string; all: string; some: string; pick: string; pickHint: string };

/**
 * "All components" or "only these": posted as scope + componentIds[]. Ticking a component
 * switches to "only these", so nobody ticks boxes that are then ignored.
 */
export function ComponentChoice(props: {
  idPrefix: string;
  groups: SubscribableGroup[];
  labels: ChoiceLabels;
  defaultScope?: 'all' | 'some';
  defaultIds?: string[];
}) {
  const outcome = useFormOutcome();
  const echoed = outcome.status === 'error' ? outcome.values : undefined;
  const echoedIds = echoed?.['componentIds[]'];
  const initialIds = echoed ? (Array.isArray(echoedIds) ? echoedIds : echoedIds ? [echoedIds] : []) : (props.defaultIds ?? []);
  const [scope, setScope] = useState<'all' | 'some'>(
    echoed?.scope === 'some' ? 'some' : echoed ? 'all' : (props.defaultScope ?? 'all'),
  );
  const error = outcome.fieldErrors?.componentIds;
  const { labels, idPrefix } = props;
  const errorId = `${idPrefix}-components-error`;
  // A page without components yet: everything is the only choice (and new components are included).
  if (props.groups.every((g) => g.components.length === 0)) return <input type="hidden" name="scope" value="all" />;
  return (
    <fieldset className={`field scope-choice${error ? ' field-invalid' : ''}`} aria-describedby={error ? errorId : undefined}>
      <legend>{labels.legend}</legend>
      {(['all', 'some'] as const).map((value) => (
        <div className="check-row" key={value}>
          <input
            id={`${idPrefix}-scope-${value}`}
            type="radio"
            name="scope"
            value={value}
            checked={scope === value}
            onChange={() => setScope(value)}
          />
          <label htmlFor={`${idPrefix}-scope-${value}`}>{labels[value]}</label>
        </div>
      ))}
      <div className="component-picks" aria-label={labels.pick} role="group">
        <p className="field-hint">{labels.pickHint}</p>
        {props.groups.map((group, g) => (
          <div key={g} className="pick-group">
            {group.name && <p className="pick-group-name">{group.name}</p>}
            {group.components.map((c) => {
              const id = `${idPrefix}-c-${c.id}`;
              return (
                <div className="check-row" key={c.id}>
                  <input
                    id={id}
                    type="checkbox"
                    name="componentIds[]"
                    value={c.id}
                    defaultChecked={initialIds.includes(c.id)}
                    onChange={(e) => e.target.checked && setScope('some')}
                  />
                  <label htmlFor={id}>{c.name}</label>
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
