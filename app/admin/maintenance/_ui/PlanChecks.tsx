'use client';
import { useEffect, useRef, useState } from 'react';
import type { PlanPreview } from '../actions';
import { CheckList } from './CheckList';

/**
 * The policy check beside the scheduling form, refreshed as the operator types (debounced).
 * Without JavaScript the server's first rendering of it still shows.
 */
export function PlanChecks(props: {
  preview: (formData: FormData) => Promise<PlanPreview>;
  initial: PlanPreview;
  title: string;
  note: string;
}) {
  const [preview, setPreview] = useState<PlanPreview>(props.initial);
  const box = useRef<HTMLElement>(null);
  const { preview: run } = props;
  useEffect(() => {
    const form = box.current?.closest('form');
    if (!form) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let latest = 0;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const ticket = ++latest;
        const next = await run(new FormData(form)).catch(() => null);
        // Answers can arrive out of order; only the newest one is shown.
        if (next && ticket === latest) setPreview(next);
      }, 400);
    };
    form.addEventListener('input', refresh);
    form.addEventListener('change', refresh);
    return () => {
      clearTimeout(timer);
      form.removeEventListener('input', refresh);
      form.removeEventListener('change', refresh);
    };
  }, [run]);

  return (
    <section ref={box} className="panel plan-checks" aria-labelledby="plan-checks-title">
      <h2 id="plan-checks-title">{props.title}</h2>
      <div aria-live="polite">
        {'hint' in preview ? <p className="muted">{preview.hint}</p> : <CheckList sections={preview.sections} />}
      </div>
      <p className="field-hint">{props.note}</p>
    </section>
  );
}
