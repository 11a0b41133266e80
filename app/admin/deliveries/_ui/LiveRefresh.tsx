'use client';
import { useEffect } from 'react';
import { useRouter } from 'next/navigation';

const REFRESH_MS = 1_500;

/** Re-renders the page when deliveries change (the live stream), at most every 1.5 s during a fan-out. */
export function LiveRefresh({ label }: { label: string }) {
  const router = useRouter();
  useEffect(() => {
    const source = new EventSource('/api/stream');
    let timer: ReturnType<typeof setTimeout> | null = null;
    source.addEventListener('change', (event) => {
      const { type } = JSON.parse((event as MessageEvent<string>).data) as { type: string };
      if (timer || !['deliveries', 'incident', 'maintenance', 'resync'].includes(type)) return;
      timer = setTimeout(() => {
        timer = null;
        router.refresh();
      }, REFRESH_MS);
    });
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [router]);
  return (
    <p className="live-note">
      <span aria-hidden="true">●</span> {label}
    </p>
  );
}
