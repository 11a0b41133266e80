import type { CheckSection } from '@/lib/maintenance/describe-check';

const MARK = { ok: '✓', warn: '⚠', info: 'ℹ' } as const;

/** Policy check sentences, per service; used by the live form check and the detail page. */
export function CheckList({ sections }: { sections: CheckSection[] }) {
  return sections.map((section, i) => (
    <div key={section.heading ?? i}>
      {section.heading && <h3 className="plan-checks-service">{section.heading}</h3>}
      <ul className="plan-check-list">
        {section.lines.map((line) => (
          <li key={line.text} className={`plan-check plan-check-${line.tone}`}>
            <span aria-hidden="true" className="plan-check-mark">
              {MARK[line.tone]}
            </span>
            {line.text}
          </li>
        ))}
      </ul>
    </div>
  ));
}
