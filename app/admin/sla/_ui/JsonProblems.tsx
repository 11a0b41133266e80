'use client';
import { useFormOutcome } from '@/app/admin/_ui/forms';

/** Lists every problem the server found in the JSON, by its path in the document. */
export function JsonProblems({ heading }: { heading: string }) {
  const { fieldErrors } = useFormOutcome();
  const problems = Object.entries(fieldErrors ?? {}).filter(([path]) => path !== 'policyJson' && path !== 'serviceId');
  if (problems.length === 0) return null;
  return (
    <div className="sla-json-problems" role="alert">
      <h3>{heading}</h3>
      <ul>
        {problems.map(([path, message]) => (
          <li key={path}>
            <code>{path}</code> — {message}
          </li>
        ))}
      </ul>
    </div>
  );
}
