'use client';
import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import { verifyChainAction } from '../actions';

function Submit({ label, pendingLabel }: { label: string; pendingLabel: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button button-secondary" disabled={pending} aria-disabled={pending}>
      {pending ? pendingLabel : label}
    </button>
  );
}

/** Re-checks the whole chain now; the verdict sentence comes back from the server in the user's language. */
export function VerifyChainButton({ label, pendingLabel }: { label: string; pendingLabel: string }) {
  const [state, action] = useActionState(verifyChainAction, { status: 'idle' });
  return (
    <form action={action} className="sla-verify">
      <Submit label={label} pendingLabel={pendingLabel} />
      <p role="status" className="sla-verify-result">
        {state.message}
      </p>
    </form>
  );
}
