'use client';
import { useEffect } from 'react';
import { useRouter } from 'next/navigation';

const REFRESH_MS = 5_000;

/**
 * Monitor states change in the checker, not through the public change stream, so the list and
 * detail pages re-read themselves while visible; otherwise a new monitor stays "checking" on screen.
 */
export function StateRefresh({ label }: { label: string }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [router]);
  return <p className="muted monitor-refresh">{label}</p>;
}
